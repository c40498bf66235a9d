// Why this file exists: entry point. With no arguments it runs every benchmark with a short job suited to a
// shared 2-core machine (in-process, 1 launch, 3 warm-up and 5 measured iterations of 100 ms); BenchmarkDotNet
// arguments (e.g. --filter, --job) override that.
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Xen.Sched.Benchmarks;

IConfig config = DefaultConfig.Instance.AddJob(
    Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(5)
        .WithIterationTime(TimeInterval.FromMilliseconds(100))
        .AsDefault());
if (args.Length == 0)
{
    BenchmarkRunner.Run<DecisionBenchmarks>(config);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args, config);
}
