// Why: a time- or count-bounded structured fuzzing loop over mutated valid streams, shared by the
// short CI run (FuzzTests) and the long local run (Xen.Migration.Fuzz).
using System.Diagnostics;
using Xen.Migration.Streaming;
using Xen.Migration.Tests.Generation;
using Xen.Migration.Validation;

namespace Xen.Migration.Tests.Fuzzing;

public sealed record FuzzReport(long Executions, long Valid, IReadOnlyDictionary<MigrationRule, long> Rejections,
    IReadOnlyList<(byte[] Input, Exception Error)> Crashes, TimeSpan Elapsed, TimeSpan Slowest);

public static class FuzzCampaign
{
    /// <summary>Small valid seeds: every domain kind and framing, both byte orders, with checkpoints.</summary>
    public static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>();
        int s = 0;
        foreach (DomainKind kind in Enum.GetValues<DomainKind>())
            foreach (StreamFraming framing in Enum.GetValues<StreamFraming>())
                foreach (bool be in new[] { false, true })
                    seeds.Add(MigrationImageWriter.ToArray(DomainImageBuilder.Build(new DomainSpec(kind, framing, be, (uint)(2 + (s % 2)), 1, 3, s % 3, s++, Extras: s % 2 == 0))));
        return seeds;
    }

    public static FuzzReport Run(TimeSpan budget, long maxExecutions, int seed, Action<FuzzReport>? onProgress = null)
    {
        List<byte[]> corpus = Seeds();
        var mutator = new StreamMutator(seed);
        var rng = new Random(seed);
        var rejections = new Dictionary<MigrationRule, long>();
        var crashes = new List<(byte[], Exception)>();
        long execs = 0, valid = 0;
        TimeSpan slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        TimeSpan nextReport = TimeSpan.FromSeconds(10);
        while (clock.Elapsed < budget && execs < maxExecutions)
        {
            byte[] input = mutator.Mutate(corpus[rng.Next(corpus.Count)]);
            long t0 = clock.ElapsedTicks;
            try
            {
                MigrationRule? rule = FuzzTarget.Run(input);
                if (rule is { } r) rejections[r] = rejections.GetValueOrDefault(r) + 1;
                else
                {
                    valid++;
                    if (corpus.Count < 512 && input.Length < 256 << 10) corpus.Add(input); // keep small valid mutants as seeds
                }
            }
            catch (Exception e)
            {
                crashes.Add((input, e));
            }
            TimeSpan took = TimeSpan.FromTicks((clock.ElapsedTicks - t0) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
            if (took > slowest) slowest = took;
            execs++;
            if (onProgress is not null && clock.Elapsed > nextReport)
            {
                nextReport += TimeSpan.FromSeconds(10);
                onProgress(new FuzzReport(execs, valid, rejections, crashes, clock.Elapsed, slowest));
            }
        }
        return new FuzzReport(execs, valid, rejections, crashes, clock.Elapsed, slowest);
    }
}
