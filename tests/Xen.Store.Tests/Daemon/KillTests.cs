// Why: the restart promise against a real SIGKILL of a separate daemon process under client load.
using Xen.Store.Daemon.Client;
using Xen.Store.Tests.Support;

namespace Xen.Store.Tests.Daemon;

public sealed class KillTests
{
    [Fact]
    public async Task Sigkill_mid_load_then_restart_loses_nothing_acknowledged()
    {
        using TempSocket temp = new();
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(90));
        ChildDaemon first = new(temp.SocketPath, temp.StateDirectory);
        ChildDaemon? second = null;
        XenStoreClient client = await XenStoreClient.ConnectAsync(temp.SocketPath, new XenStoreClientOptions { SessionName = "kill-test", ReconnectTimeout = TimeSpan.FromSeconds(60) });
        try
        {
            int acknowledged = 0;
            bool stop = false;
            Task load = Task.Run(async () =>
            {
                for (int i = 0; !stop; i++)
                {
                    await client.WriteAsync("/k/" + i, "v" + i, timeout.Token);
                    acknowledged = i + 1;
                }
            });

            while (acknowledged < 200)
            {
                await Task.Delay(10, timeout.Token);
            }

            first.Kill();
            int atKill = acknowledged;
            second = new ChildDaemon(temp.SocketPath, temp.StateDirectory);
            Assert.Contains("restored sessions: 1", second.Banner);
            while (acknowledged < atKill + 100)
            {
                await Task.Delay(10, timeout.Token);
            }

            stop = true;
            await load.WaitAsync(timeout.Token);
            await using XenStoreClient checker = await XenStoreClient.ConnectAsync(temp.SocketPath);
            string[] keys = await checker.ListAsync("/k");
            Assert.True(keys.Length >= acknowledged);
            for (int i = 0; i < acknowledged; i += 7)
            {
                Assert.Equal("v" + i, await checker.ReadStringAsync("/k/" + i));
            }

            if (DebianTools.Available)
            {
                Assert.Equal("v0\n", DebianTools.Run(temp.SocketPath, "xenstore-read", "/k/0").Stdout);
            }
        }
        finally
        {
            await client.DisposeAsync();
            first.Dispose();
            second?.Dispose();
        }
    }
}
