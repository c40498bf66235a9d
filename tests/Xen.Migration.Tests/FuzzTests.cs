// Why: the short structured-fuzzing run of the normal test suite (bounded by time and count):
// mutated streams must end in a well-defined MigrationFormatException or be valid — no other
// exception, no blocking read, no input slower than a second.
using Xen.Migration.Tests.Fuzzing;
using Xen.Migration.Validation;

namespace Xen.Migration.Tests;

public sealed class FuzzTests
{
    [Fact]
    public void MutatedStreamsFailOnlyWithFormatErrors()
    {
        FuzzReport report = FuzzCampaign.Run(TimeSpan.FromSeconds(15), maxExecutions: 200_000, seed: 20261126);
        string firstCrash = report.Crashes.Count == 0 ? "" : report.Crashes[0].Error.ToString();
        Assert.True(report.Crashes.Count == 0, $"{report.Crashes.Count} crashes in {report.Executions} runs; first: {firstCrash}");
        Assert.True(report.Executions > 1000, $"only {report.Executions} executions");
        Assert.True(report.Slowest < TimeSpan.FromSeconds(1), $"slowest input took {report.Slowest}");
        // The mutator must reach deep rules, not only the framing checks.
        Assert.Contains(MigrationRule.Truncated, report.Rejections.Keys);
        Assert.Contains(MigrationRule.BadRecordLength, report.Rejections.Keys);
        Assert.True(report.Rejections.Count >= 10, "rules reached: " + string.Join(", ", report.Rejections.Keys));
    }
}
