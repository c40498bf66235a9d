// Why: entry point; `dotnet run -c Release -- --filter *` runs all processor benchmarks.
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Xen.Store.Benchmarks.ProcessorBenchmarks).Assembly).Run(args);
