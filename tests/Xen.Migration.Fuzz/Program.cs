// Why: long local fuzzing of the migration stream reader.
//   dotnet run -c Release --project tests/Xen.Migration.Fuzz -- --seconds 300 [--seed N] [--crashes DIR]
// runs the structured fuzzer; with SharpFuzz-instrumented assemblies the same target runs under
//   libFuzzer:  --libfuzzer   (Fuzzer.LibFuzzer.Run)
//   AFL:        --afl         (Fuzzer.OutOfProcess.Run)
//   seeds:      --write-seeds DIR (valid PV/HVM/PVH images in every framing, a starting corpus)
// See docs/migration.md for the instrumentation steps.
using System.Globalization;
using SharpFuzz;
using Xen.Migration.Tests.Fuzzing;

namespace Xen.Migration.Fuzz;

internal static class Program
{
    private static int Main(string[] args)
    {
        int seedsAt = Array.IndexOf(args, "--write-seeds");
        if (seedsAt >= 0 && seedsAt + 1 < args.Length)
        {
            Directory.CreateDirectory(args[seedsAt + 1]);
            List<byte[]> seeds = FuzzCampaign.Seeds();
            for (int i = 0; i < seeds.Count; i++) File.WriteAllBytes(Path.Combine(args[seedsAt + 1], $"seed-{i:d2}.bin"), seeds[i]);
            Console.WriteLine($"wrote {seeds.Count} seed images to {args[seedsAt + 1]}");
            return 0;
        }
        if (args.Contains("--libfuzzer"))
        {
            Fuzzer.LibFuzzer.Run(span => FuzzTarget.Run(span.ToArray()));
            return 0;
        }
        if (args.Contains("--afl"))
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var ms = new MemoryStream();
                stream.CopyTo(ms);
                FuzzTarget.Run(ms.ToArray());
            });
            return 0;
        }
        double seconds = Value(args, "--seconds", 60);
        int seed = (int)Value(args, "--seed", Environment.TickCount);
        string crashDir = args.SkipWhile(a => a != "--crashes").Skip(1).FirstOrDefault() ?? "fuzz-crashes";
        Console.WriteLine($"structured fuzzing for {seconds} s, seed {seed}");
        FuzzReport r = FuzzCampaign.Run(TimeSpan.FromSeconds(seconds), long.MaxValue, seed,
            p => Console.WriteLine($"  {p.Elapsed.TotalSeconds,6:0}s  {p.Executions,10} execs  {p.Executions / p.Elapsed.TotalSeconds,8:0}/s  valid {p.Valid}  crashes {p.Crashes.Count}"));
        Console.WriteLine($"executions: {r.Executions} in {r.Elapsed.TotalSeconds:0.0} s ({r.Executions / r.Elapsed.TotalSeconds:0}/s)");
        Console.WriteLine($"valid mutants: {r.Valid}; slowest input: {r.Slowest.TotalMilliseconds:0.0} ms");
        foreach (var kv in r.Rejections.OrderByDescending(kv => kv.Value))
            Console.WriteLine($"  {kv.Key,-28} {kv.Value}");
        Console.WriteLine($"crashes: {r.Crashes.Count}");
        if (r.Crashes.Count > 0)
        {
            Directory.CreateDirectory(crashDir);
            for (int i = 0; i < r.Crashes.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(crashDir, $"crash-{i}.bin"), r.Crashes[i].Input);
                Console.WriteLine($"  crash-{i}.bin: {r.Crashes[i].Error.GetType().Name}: {r.Crashes[i].Error.Message}");
            }
            return 1;
        }
        return 0;
    }

    private static double Value(string[] args, string name, double fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
