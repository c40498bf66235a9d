// Why: the load tool's promise is numbers: throughput and latency percentiles per scenario.
using System.Collections.Generic;
using System.Diagnostics;

namespace Xen.Store.Cli.Load;

/// <summary>Throughput and p50/p99 over recorded per-operation latencies.</summary>
internal sealed class LatencyStats
{
    public LatencyStats(string scenario, int clients, List<long> ticks, double seconds)
    {
        Scenario = scenario;
        Clients = clients;
        Operations = ticks.Count;
        OpsPerSecond = ticks.Count / seconds;
        ticks.Sort();
        P50Microseconds = Percentile(ticks, 0.50);
        P99Microseconds = Percentile(ticks, 0.99);
    }

    public string Scenario { get; }

    public int Clients { get; }

    public int Operations { get; }

    public double OpsPerSecond { get; }

    public double P50Microseconds { get; }

    public double P99Microseconds { get; }

    public override string ToString() => string.Format(System.Globalization.CultureInfo.InvariantCulture,
        "| {0,-12} | {1,7} | {2,10:F0} | {3,9:F1} | {4,9:F1} |", Scenario, Clients, OpsPerSecond, P50Microseconds, P99Microseconds);

    private static double Percentile(List<long> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        int index = (int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1);
        return sorted[Math.Max(0, index)] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
