// Why this file exists: the xen-schedsim command line.
//   xen-schedsim <scenario.sched> [--svg out.svg] [--seed N] [--dump]
//   xen-schedsim --report
using System;
using System.IO;
using Xen.Sched;
using Xen.Sched.Simulator;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: xen-schedsim <scenario.sched> [--svg out.svg] [--seed N] [--dump]");
    Console.WriteLine("       xen-schedsim --report      print the issue-5 acceptance numbers (a)-(c)");
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == "--report")
{
    DoneWhenReport.Write(Console.Out);
    return 0;
}

string? svg = null;
ulong? seed = null;
bool dump = false;
for (int i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--svg" when i + 1 < args.Length:
            svg = args[++i];
            break;
        case "--seed" when i + 1 < args.Length:
            seed = ulong.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--dump":
            dump = true;
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'");
            return 2;
    }
}

try
{
    Scenario scenario = ScenarioParser.Parse(File.ReadAllText(args[0]));
    if (seed.HasValue)
    {
        scenario.Seed = seed.Value;
    }

    var (sim, sched, topo) = ScenarioRunner.Run(scenario);
    ResultTable.Write(Console.Out, scenario, sim, topo.CpuCount);
    if (dump)
    {
        sched.Dump(new ConsoleDumpWriter(Console.Out));
    }

    if (svg != null)
    {
        SvgPlot.Write(svg, $"{Path.GetFileNameWithoutExtension(args[0])}: {scenario.Scheduler}, share of machine per domain", sim, topo.CpuCount);
        Console.WriteLine($"plot written to {svg}");
    }

    return sim.AffinityViolations == 0 && sim.DoubleRuns == 0 ? 0 : 1;
}
catch (Exception e) when (e is FormatException or IOException)
{
    Console.Error.WriteLine($"xen-schedsim: {e.Message}");
    return 2;
}
