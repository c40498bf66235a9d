// Why: the same hostile inputs as the core tests, over the real socket: the daemon answers with an
// error or drops that one connection, keeps running, and well-behaved clients never notice.
using Xen.Store.Daemon.Client;
using Xen.Store.Tests.Support;
using Xen.Store.Wire;
using static Xen.Store.Tests.Support.CoreHarness;

namespace Xen.Store.Tests.Daemon;

public sealed class HostileSocketTests
{
    [Fact]
    public async Task Oversized_length_drops_only_that_connection()
    {
        await using DaemonHost host = new();
        await using XenStoreClient good = await host.ClientAsync();
        await good.WriteAsync("/ok", "1");
        using RawSocket evil = new(host.SocketPath);
        byte[] header = new byte[16];
        new XsHeader((uint)XsMessageType.Write, 1, 0, 100_000).Write(header);
        evil.Send(header);
        Assert.Null(evil.Receive());
        Assert.Equal("1", await good.ReadStringAsync("/ok"));
    }

    [Fact]
    public async Task Malformed_requests_get_error_replies_on_a_live_connection()
    {
        await using DaemonHost host = new();
        using RawSocket s = new(host.SocketPath);
        Assert.Equal("EINVAL", s.Request(XsMessageType.Read, System.Text.Encoding.ASCII.GetBytes("/no-nul")).ErrorName);
        Assert.Equal("EINVAL", s.Request((XsMessageType)999, Fields("/")).ErrorName);
        Assert.Equal("EINVAL", s.Request(XsMessageType.Write, Fields("/a//b")).ErrorName);
        Reply ok = s.Request(XsMessageType.Write, PathValue("/after", "fine"), requestId: 42);
        Assert.Equal(42u, ok.RequestId);
        Assert.Equal("OK\0", ok.Text);
    }

    [Fact]
    public async Task Truncated_header_then_hangup_leaves_daemon_healthy()
    {
        await using DaemonHost host = new();
        for (int i = 0; i < 20; i++)
        {
            using RawSocket s = new(host.SocketPath);
            s.Send(new byte[] { 2, 0, 0 });
        }

        await using XenStoreClient good = await host.ClientAsync();
        await good.WriteAsync("/alive", "yes");
        Assert.Equal("yes", await good.ReadStringAsync("/alive"));
    }

    [Fact]
    public async Task Slow_reader_flooded_by_watch_events_is_dropped_and_writer_continues()
    {
        await using DaemonHost host = new(quotas: new StoreQuotas { PendingWatchEvents = 200 });
        using RawSocket slow = new(host.SocketPath);
        slow.Send(Message(XsMessageType.Watch, 1, 0, Fields("/flood", "t")));
        await using XenStoreClient writer = await host.ClientAsync();
        while (host.Daemon.SessionCount < 2)
        {
            await Task.Delay(10);
        }

        // Long paths make big events: whatever the kernel's socket buffers hold, they fill up, events
        // pile up in the daemon, and the reader that never reads is dropped.
        string tail = new string('p', 2000);
        int writes = 0;
        while (host.Daemon.SessionCount > 1 && writes < 50_000)
        {
            await writer.WriteAsync("/flood/" + (writes++ % 50) + "/" + tail, "v");
        }

        Assert.Equal(1, host.Daemon.SessionCount);
        int received = 0;
        while (slow.Receive() != null)
        {
            received++;
        }

        Assert.True(received < writes + 2, $"dropped reader got {received} of {writes + 2} messages");
        Assert.Equal("v", await writer.ReadStringAsync("/flood/3/" + tail));
    }

    [Fact]
    public async Task Pipelined_flood_is_answered_in_order_while_others_are_served()
    {
        await using DaemonHost host = new(quotas: new StoreQuotas { OutstandingRequests = 8 });
        using RawSocket greedy = new(host.SocketPath);
        var flood = new List<byte>();
        for (uint i = 0; i < 2000; i++)
        {
            flood.AddRange(Message(XsMessageType.Read, i, 0, Fields("/")));
        }

        Task sending = Task.Run(() => greedy.Send(flood.ToArray()));
        await using XenStoreClient good = await host.ClientAsync();
        await good.WriteAsync("/fair", "1");
        Assert.Equal("1", await good.ReadStringAsync("/fair"));
        for (uint i = 0; i < 2000; i++)
        {
            Reply? r = greedy.Receive();
            Assert.NotNull(r);
            Assert.Equal(i, r!.RequestId);
        }

        await sending.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
