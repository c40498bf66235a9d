// Why: runs the page-data benchmarks with a short BenchmarkDotNet job (the machine is shared) and
// prints encode, decode and memory-copy throughput in GB/s with the ratio the promise is about.
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Xen.Migration.Benchmarks;

IConfig config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(5))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
Summary summary = BenchmarkRunner.Run<PageDataBenchmarks>(config, args);

var gbps = new Dictionary<string, double>();
foreach (BenchmarkReport report in summary.Reports)
{
    if (report.ResultStatistics is null) continue;
    gbps[report.BenchmarkCase.Descriptor.WorkloadMethod.Name] = PageDataBenchmarks.GuestBytes / report.ResultStatistics.Mean; // bytes per ns = GB/s
}
if (gbps.TryGetValue("MemoryCopy", out double copy))
{
    Console.WriteLine();
    Console.WriteLine("Throughput over 1 GiB of page data (GB/s = 10^9 bytes/s):");
    foreach ((string name, double v) in gbps)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-10} {v,6:0.00} GB/s  {v / copy * 100,5:0}% of memory copy"));
    bool ok = gbps.GetValueOrDefault("Encode") >= copy / 2 && gbps.GetValueOrDefault("Decode") >= copy / 2;
    Console.WriteLine(ok ? "PASS: encode and decode are at least 50% of memory copy" : "FAIL: below 50% of memory copy");
}
