// Why this file exists: every sample scenario shipped with xen-schedsim must parse, run without a safety
// violation, print its table and produce a well-formed SVG; the parser must reject mistakes with a line number.
using System.Xml.Linq;
using Xen.Sched.Simulator;

namespace Xen.Sched.Tests;

public sealed class ScenarioSampleTests
{
    private static string ScenarioDir()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir != null && !Directory.Exists(Path.Combine(dir, "tools", "Xen.Sched.Simulator", "scenarios")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        Assert.NotNull(dir);
        return Path.Combine(dir!, "tools", "Xen.Sched.Simulator", "scenarios");
    }

    public static TheoryData<string> Samples()
    {
        TheoryData<string> data = new();
        foreach (string f in Directory.GetFiles(ScenarioDir(), "*.sched"))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampleRunsCleanlyAndPlots(string file)
    {
        Scenario s = ScenarioParser.Parse(File.ReadAllText(Path.Combine(ScenarioDir(), file)));
        var (sim, _, topo) = ScenarioRunner.Run(s);
        Assert.Equal(0, sim.AffinityViolations);
        Assert.Equal(0, sim.DoubleRuns);
        StringWriter table = new();
        ResultTable.Write(table, s, sim, topo.CpuCount);
        Assert.Equal(s.Domains.Count + 3, table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        XDocument svg = XDocument.Parse(SvgPlot.Render(file, sim, topo.CpuCount));
        bool latency = Enumerable.Range(0, sim.DomainCount).Any(i => sim.Domain(i).Latency.Count > 0);
        int panels = latency ? 2 : 1;
        Assert.Equal(s.Domains.Count * panels, svg.Root!.Elements().Count(e => e.Name.LocalName == "polyline"));
    }

    [Fact]
    public void Credit2WeightsSampleShowsWeightedShares()
    {
        Scenario s = ScenarioParser.Parse(File.ReadAllText(Path.Combine(ScenarioDir(), "credit2-weights.sched")));
        var (sim, _, _) = ScenarioRunner.Run(s);
        double total = sim.Domain(0).RunTime + sim.Domain(1).RunTime + sim.Domain(2).RunTime;
        Assert.InRange(sim.Domain(2).RunTime / total, 0.56, 0.58);
    }

    [Theory]
    [InlineData("scheduler fifo", "line 1")]
    [InlineData("duration 1s\nbogus x=1", "line 2")]
    [InlineData("domain id=1 load=io run=1ms", "line 1")]
    [InlineData("option credit2_runqueue=rack", "line 1")]
    public void ParserReportsLine(string text, string where)
    {
        FormatException e = Assert.Throws<FormatException>(() => ScenarioParser.Parse(text));
        Assert.Contains(where, e.Message);
    }

    [Fact]
    public void ParserReadsTimesAndCpuLists()
    {
        Assert.Equal(1_500_000, ScenarioParser.Time("1.5ms"));
        Assert.Equal(250_000, ScenarioParser.Time("250us"));
        Assert.Equal(2_000_000_000, ScenarioParser.Time("2s"));
        Assert.Equal(42, ScenarioParser.Time("42"));
        Assert.Equal(new[] { 0, 1, 2, 5, 7, 8 }, ScenarioParser.CpuList("0-2,5,7-8"));
    }

    [Fact]
    public void OutOfRangeParametersAreReportedByName()
    {
        Scenario s = ScenarioParser.Parse("scheduler credit2\ntopology cores=2\nduration 10ms\ndomain id=1 weight=70000");
        FormatException e = Assert.Throws<FormatException>(() => ScenarioRunner.Run(s));
        Assert.Contains("InvalidArgument", e.Message);
    }
}
