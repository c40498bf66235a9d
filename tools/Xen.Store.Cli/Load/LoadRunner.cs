// Why: measures the daemon end to end over the socket: READ, WRITE, DIRECTORY on a node with 1,000
// children and read-modify-write transactions, each with 1 and N concurrent clients (one connection
// each, one request in flight per client, as Xen's tools behave).
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Xen.Store.Daemon.Client;

namespace Xen.Store.Cli.Load;

/// <summary>Runs the load scenarios against a socket.</summary>
internal sealed class LoadRunner
{
    private readonly string _socket;
    private readonly TimeSpan _duration;

    public LoadRunner(string socket, TimeSpan duration)
    {
        _socket = socket;
        _duration = duration;
    }

    public static readonly string[] Scenarios = { "read", "write", "directory", "transaction" };

    public async Task PrepareAsync(int maxClients)
    {
        await using XenStoreClient c = await XenStoreClient.ConnectAsync(_socket);
        await c.RemoveAsync("/load");
        for (int i = 0; i < 1000; i++)
        {
            await c.WriteAsync("/load/dir/" + i, "x");
        }

        for (int i = 0; i < maxClients; i++)
        {
            await c.WriteAsync("/load/r/" + i, "value-" + i);
            await c.WriteAsync("/load/t/" + i, "0");
        }
    }

    public async Task<LatencyStats> RunAsync(string scenario, int clients)
    {
        XenStoreClient[] connections = new XenStoreClient[clients];
        for (int i = 0; i < clients; i++)
        {
            connections[i] = await XenStoreClient.ConnectAsync(_socket);
        }

        List<long>[] samples = new List<long>[clients];
        Task[] workers = new Task[clients];
        Stopwatch total = Stopwatch.StartNew();
        DateTime end = DateTime.UtcNow + _duration;
        for (int i = 0; i < clients; i++)
        {
            int id = i;
            samples[i] = new List<long>(1 << 16);
            workers[i] = Task.Run(() => WorkAsync(connections[id], scenario, id, end, samples[id]));
        }

        await Task.WhenAll(workers);
        double seconds = total.Elapsed.TotalSeconds;
        List<long> all = new();
        foreach (List<long> s in samples)
        {
            all.AddRange(s);
        }

        foreach (XenStoreClient c in connections)
        {
            await c.DisposeAsync();
        }

        return new LatencyStats(scenario, clients, all, seconds);
    }

    private static async Task WorkAsync(XenStoreClient c, string scenario, int id, DateTime end, List<long> samples)
    {
        string mine = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        int n = 0;
        while (DateTime.UtcNow < end)
        {
            long start = Stopwatch.GetTimestamp();
            switch (scenario)
            {
                case "read":
                    await c.ReadAsync("/load/r/" + mine);
                    break;
                case "write":
                    await c.WriteAsync("/load/w/" + mine + "/" + (n++ & 63), "v");
                    break;
                case "directory":
                    await c.ListAsync("/load/dir");
                    break;
                default:
                    await c.RunTransactionAsync(async tx =>
                    {
                        string v = await tx.ReadStringAsync("/load/t/" + mine);
                        await tx.WriteAsync("/load/t/" + mine, (int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        return 0;
                    });
                    break;
            }

            samples.Add(Stopwatch.GetTimestamp() - start);
        }
    }
}
