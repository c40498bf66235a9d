// Why: the async client library against a real daemon: typed operations, IAsyncEnumerable watches,
// transactions retried on EAGAIN under real concurrency, and DIRECTORY_PART paging.
using Xen.Store.Daemon.Client;
using Xen.Store.Tests.Support;
using Xen.Store.Wire;

namespace Xen.Store.Tests.Daemon;

public sealed class ClientLibraryTests
{
    [Fact]
    public async Task Basic_operations_round_trip()
    {
        await using DaemonHost host = new();
        await using XenStoreClient c = await host.ClientAsync();
        await c.WriteAsync("/lib/a", "1");
        await c.MkdirAsync("/lib/b");
        Assert.Equal("1", await c.ReadStringAsync("/lib/a"));
        Assert.Equal(new[] { "a", "b" }, await c.ListAsync("/lib"));
        Assert.True(await c.ExistsAsync("/lib/b"));
        await c.RemoveAsync("/lib/b");
        Assert.False(await c.ExistsAsync("/lib/b"));
        Assert.Equal("/local/domain/12", await c.GetDomainPathAsync(12));
        var e = await Assert.ThrowsAsync<XenStoreException>(() => c.ReadAsync("/lib/none"));
        Assert.Equal(XsError.ENOENT, e.Error);
    }

    [Fact]
    public async Task Watch_is_an_async_stream_and_unwatches_when_done()
    {
        await using DaemonHost host = new();
        await using XenStoreClient watcher = await host.ClientAsync();
        await using XenStoreClient writer = await host.ClientAsync();
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(20));
        var seen = new List<string>();
        Task reading = Task.Run(async () =>
        {
            await foreach (XenStoreWatchEvent e in watcher.WatchAsync("/stream", timeout.Token))
            {
                seen.Add(e.Path);
                if (seen.Count == 1)
                {
                    await writer.WriteAsync("/stream/one", "1");
                    await writer.WriteAsync("/other", "x");
                    await writer.WriteAsync("/stream/two", "2");
                }

                if (seen.Count == 3)
                {
                    break;
                }
            }
        });
        await reading.WaitAsync(timeout.Token);
        Assert.Equal(new[] { "/stream", "/stream/one", "/stream/two" }, seen);
    }

    [Fact]
    public async Task Concurrent_transactions_never_lose_an_increment()
    {
        await using DaemonHost host = new();
        await using XenStoreClient setup = await host.ClientAsync();
        await setup.WriteAsync("/counter", "0");
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.ClientAsync()));
        await Task.WhenAll(clients.Select(c => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                await c.RunTransactionAsync(async tx =>
                {
                    int v = int.Parse(await tx.ReadStringAsync("/counter"));
                    await tx.WriteAsync("/counter", (v + 1).ToString());
                    return 0;
                });
            }
        })));
        Assert.Equal("200", await setup.ReadStringAsync("/counter"));
        foreach (var c in clients)
        {
            await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task Large_directory_is_listed_through_directory_part()
    {
        await using DaemonHost host = new();
        await using XenStoreClient c = await host.ClientAsync();
        var names = Enumerable.Range(0, 500).Select(i => "entry-name-" + i).ToArray();
        foreach (string n in names)
        {
            await c.MkdirAsync("/dir/" + n);
        }

        Assert.Equal(names, await c.ListAsync("/dir"));
    }
}
