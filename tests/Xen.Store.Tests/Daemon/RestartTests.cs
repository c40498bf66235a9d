// Why: restart without loss. The daemon is stopped abruptly in the middle of client load (in-process
// "crash": sockets dropped, nothing more written) and a new daemon starts from the same state
// directory; clients with a session name reconnect on their own and keep their watches and open
// transactions. Every write a client saw acknowledged must survive.
using Xen.Store.Daemon.Client;
using Xen.Store.Persistence;
using Xen.Store.Processing;
using Xen.Store.Tests.Support;
using Xen.Store.Wire;
using static Xen.Store.Tests.Support.CoreHarness;

namespace Xen.Store.Tests.Daemon;

public sealed class RestartTests
{
    [Fact]
    public void Snapshot_round_trips_nodes_perms_domains_and_watches()
    {
        CoreHarness h = new();
        XsConnection c = h.Server.Connect();
        h.Send(c, XsMessageType.Control, Fields("session", "s1"));
        h.Write(c, "/a/b", "1");
        h.Write(c, "/a/c", "2");
        h.Send(c, XsMessageType.SetPerms, Fields("/a/c", "b4", "r5"));
        h.Send(c, XsMessageType.Introduce, Fields("4", "77", "9"));
        h.Send(c, XsMessageType.Watch, Fields("/a", "tok"));
        byte[] state = StoreSnapshot.Save(h.Server)!;

        CoreHarness restored = new();
        Assert.True(StoreSnapshot.Load(restored.Server, state));
        restored.Server.DetachAll();
        XsConnection fresh = restored.Server.Connect();
        Assert.Equal("RESUMED\0", restored.Send(fresh, XsMessageType.Control, Fields("session", "s1")).Text);
        Assert.Equal(new[] { "b", "c" }, restored.Send(fresh, XsMessageType.Directory, Fields("/a")).Fields);
        Assert.Equal(new[] { "b4", "r5" }, restored.Send(fresh, XsMessageType.GetPerms, Fields("/a/c")).Fields);
        Assert.Equal("T", restored.Send(fresh, XsMessageType.IsDomainIntroduced, Fields("4")).Fields[0]);
        restored.Write(fresh, "/a/new", "x");
        Assert.Contains("/a/new|tok", restored.Events(fresh));

        uint tx = h.Begin(c);
        Assert.Null(StoreSnapshot.Save(h.Server)); // open transactions live in the journal, not snapshots
        h.End(c, tx, commit: false);
        Assert.False(StoreSnapshot.Load(new CoreHarness().Server, new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void Resumed_session_gets_lost_replies_again_instead_of_re_executing()
    {
        CoreHarness h = new(new StoreQuotas { ReplyCacheSize = 8 });
        XsConnection c = h.Server.Connect();
        h.Send(c, XsMessageType.Control, Fields("session", "lost"));
        h.Server.Feed(c, Message(XsMessageType.TransactionStart, 500, 0, Fields("")));
        h.Server.Feed(c, Message(XsMessageType.Write, 501, 0, PathValue("/r", "1")));
        h.Server.DetachAll(); // the daemon died before these replies reached the client

        XsConnection resumed = h.Server.Connect();
        List<Reply> all = h.SendAll(resumed, XsMessageType.Control, Fields("session", "lost", "500,501,999"));
        Assert.Equal(new[] { "RESUMED", "500", "501" }, all[0].Fields);
        Reply start = all.Single(r => r.RequestId == 500);
        Assert.Equal(XsMessageType.TransactionStart, start.Type);
        Assert.Equal("OK\0", all.Single(r => r.RequestId == 501).Text);
        Assert.Equal(1, resumed.TransactionCount); // not a second transaction
        uint tx = uint.Parse(start.Fields[0]);
        Assert.Equal("OK\0", h.End(resumed, tx, commit: true).Text);
    }

    [Fact]
    public async Task Crash_mid_load_loses_no_acknowledged_write_and_sessions_resume()
    {
        using TempSocket temp = new();
        DaemonHost first = new(persistent: true, reuse: temp);
        XenStoreClient watcher = await first.ClientAsync("watcher");
        XenStoreClient txClient = await first.ClientAsync("tx");
        XenStoreClient loader = await first.ClientAsync("loader");
        try
        {
            using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
            IAsyncEnumerator<XenStoreWatchEvent> events = watcher.WatchAsync("/watched", timeout.Token).GetAsyncEnumerator(timeout.Token);
            Assert.True(await events.MoveNextAsync());
            Assert.Equal("/watched", events.Current.Path);

            await txClient.WriteAsync("/tx/value", "before");
            XenStoreTransaction tx = await txClient.BeginTransactionAsync();
            await tx.WriteAsync("/tx/value", "inside");
            await tx.WriteAsync("/tx/extra", "also");

            int acknowledged = 0;
            bool stop = false;
            Task load = Task.Run(async () =>
            {
                for (int i = 0; !stop && i < 100_000; i++)
                {
                    await loader.WriteAsync("/load/" + i, "v" + i);
                    acknowledged = i + 1;
                }
            });

            while (acknowledged < 300)
            {
                await Task.Delay(10);
            }

            await first.Daemon.CrashAsync();
            int ackedAtCrash = acknowledged;
            await using DaemonHost second = new(persistent: true, reuse: temp);
            Assert.Equal(3, second.Daemon.RestoredSessions);

            while (acknowledged < ackedAtCrash + 200)
            {
                await Task.Delay(10).WaitAsync(timeout.Token);
            }

            stop = true;
            await load.WaitAsync(timeout.Token);

            await using XenStoreClient checker = await second.ClientAsync();
            for (int i = 0; i < acknowledged; i++)
            {
                Assert.Equal("v" + i, await checker.ReadStringAsync("/load/" + i));
            }

            Assert.Equal("inside", await tx.ReadStringAsync("/tx/value"));
            Assert.Equal("before", await checker.ReadStringAsync("/tx/value"));
            Assert.True(await tx.CommitAsync());
            Assert.Equal("inside", await checker.ReadStringAsync("/tx/value"));
            Assert.Equal("also", await checker.ReadStringAsync("/tx/extra"));

            await checker.WriteAsync("/watched/after-restart", "1");
            Assert.True(await events.MoveNextAsync());
            Assert.Equal("/watched/after-restart", events.Current.Path);
            await events.DisposeAsync();
        }
        finally
        {
            await watcher.DisposeAsync();
            await txClient.DisposeAsync();
            await loader.DisposeAsync();
        }
    }

    [Fact]
    public async Task Graceful_restart_compacts_to_snapshot_and_keeps_data()
    {
        using TempSocket temp = new();
        await using (DaemonHost first = new(persistent: true, reuse: temp))
        {
            await using XenStoreClient c = await first.ClientAsync();
            for (int i = 0; i < 50; i++)
            {
                await c.WriteAsync("/g/" + i, i.ToString());
            }

            await c.SetPermissionsAsync("/g/7", new[] { new Xen.Store.Permissions.XsPermission(7, Xen.Store.Permissions.XsAccess.Read) });
        }

        Assert.True(File.Exists(Path.Combine(temp.StateDirectory, "snapshot.bin")));
        await using DaemonHost second = new(persistent: true, reuse: temp);
        await using XenStoreClient d = await second.ClientAsync();
        Assert.Equal(50, (await d.ListAsync("/g")).Length);
        Assert.Equal("49", await d.ReadStringAsync("/g/49"));
        Assert.Equal(7u, (await d.GetPermissionsAsync("/g/7"))[0].DomainId);
    }

    [Fact]
    public async Task Detached_sessions_expire_and_drop_their_watches()
    {
        using TempSocket temp = new();
        DaemonHost first = new(persistent: true, reuse: temp);
        await using (XenStoreClient c = await first.ClientAsync("gone"))
        {
            await foreach (var _ in c.WatchAsync("/x"))
            {
                break;
            }

            await c.SendAsync(XsMessageType.Watch, 0, Fields("/y", "kept"));
            await first.Daemon.CrashAsync();
        }

        await using DaemonHost second = new(persistent: true, reuse: temp, detachedTimeout: TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, second.Daemon.RestoredSessions);
        await Task.Delay(1000);
        Assert.Equal(0, second.Daemon.Server.ConnectionCount);
    }

    [Fact]
    public async Task Two_crashes_in_a_row_replay_session_adoption_deterministically()
    {
        using TempSocket temp = new();
        DaemonHost first = new(persistent: true, reuse: temp);
        XenStoreClient c = await first.ClientAsync("twice");
        try
        {
            using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
            IAsyncEnumerator<XenStoreWatchEvent> events = c.WatchAsync("/w", timeout.Token).GetAsyncEnumerator(timeout.Token);
            Assert.True(await events.MoveNextAsync());
            await c.WriteAsync("/w/one", "1");
            Assert.True(await events.MoveNextAsync());

            await first.Daemon.CrashAsync();
            DaemonHost second = new(persistent: true, reuse: temp);
            await c.WriteAsync("/w/two", "2").WaitAsync(timeout.Token); // reconnects and resumes
            Assert.True(await events.MoveNextAsync());
            Assert.Equal("/w/two", events.Current.Path);

            await second.Daemon.CrashAsync();
            await using DaemonHost third = new(persistent: true, reuse: temp);
            Assert.Equal(1, third.Daemon.RestoredSessions);
            await c.WriteAsync("/w/three", "3").WaitAsync(timeout.Token);
            Assert.True(await events.MoveNextAsync());
            Assert.Equal("/w/three", events.Current.Path);
            Assert.Equal(new[] { "one", "two", "three" }, await c.ListAsync("/w"));
            Assert.Equal(1, third.Daemon.Server.Connections[0].WatchCount);
            await events.DisposeAsync();
        }
        finally
        {
            await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task Compaction_under_load_with_open_transactions_survives_a_crash()
    {
        using TempSocket temp = new();
        DaemonHost first = new(persistent: true, reuse: temp, compactAt: 2048);
        XenStoreClient c = await first.ClientAsync("compact");
        try
        {
            XenStoreTransaction? open = null;
            for (int i = 0; i < 400; i++)
            {
                await c.WriteAsync("/c/" + i, "v" + i);
                if (i == 150)
                {
                    // Blocks compaction while open. It changes an existing node: creating one would change
                    // /c's child list, which the concurrent creations below also change (EAGAIN).
                    open = await c.BeginTransactionAsync();
                    await open.WriteAsync("/c/0", "from-tx");
                }

                if (i == 250)
                {
                    Assert.True(await open!.CommitAsync());
                }
            }

            XenStoreTransaction late = await c.BeginTransactionAsync();
            await late.WriteAsync("/c/late", "in-flight");
            string[] files = Directory.GetFiles(temp.StateDirectory).Select(Path.GetFileName).ToArray()!;
            Assert.Contains("snapshot.bin", files);
            Assert.Single(files, f => f.StartsWith("journal-", StringComparison.Ordinal));
            Assert.DoesNotContain("journal-0.bin", files); // compacted at least once

            await first.Daemon.CrashAsync();
            await using DaemonHost second = new(persistent: true, reuse: temp, compactAt: 2048);
            Assert.Equal("v399", await c.ReadStringAsync("/c/399"));
            Assert.Equal("from-tx", await c.ReadStringAsync("/c/0"));
            Assert.Equal(400, (await c.ListAsync("/c")).Length);
            Assert.True(await late.CommitAsync());
            Assert.Equal("in-flight", await c.ReadStringAsync("/c/late"));
        }
        finally
        {
            await c.DisposeAsync();
        }
    }
}
