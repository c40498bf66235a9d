// Why this file exists: prints the acceptance numbers of issue 5 (a)-(c) from the same experiment code the
// xunit tests assert on, so the closing note and CI agree.
using System;
using System.Globalization;
using System.IO;
using Xen.Sched.Simulation;
using Xen.Sched.Topology;

namespace Xen.Sched.Simulator;

/// <summary>The "done when" report.</summary>
internal static class DoneWhenReport
{
    public static void Write(TextWriter w)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        w.WriteLine("(a) weighted shares, 3 CPU-bound domains x 4 vCPUs, weights 256/512/1024, 4 CPUs (2 nodes x 1 socket x 2 cores), 10 s");
        w.WriteLine("    expected share 14.29% / 28.57% / 57.14%");
        w.WriteLine("    policy   runqueue  rqs  share256  share512  share1024  max_rel_err  max_abs_err_pts  utilisation");
        TopologyLevel[] levels = { TopologyLevel.Cpu, TopologyLevel.Core, TopologyLevel.Socket, TopologyLevel.Node, TopologyLevel.All };
        foreach (TopologyLevel level in levels)
        {
            Share(w, inv, SchedulerKind.Credit2, level);
        }

        Share(w, inv, SchedulerKind.Credit, TopologyLevel.Socket);
        w.WriteLine();
        w.WriteLine("(b) 100 random hard-affinity pinnings per policy (8 CPUs, 2-4 domains of 1-4 vCPUs, cpu/io load, re-pinned at 100 ms of 200 ms)");
        w.WriteLine("    policy    trials  pinnings  decisions  violations  double_runs  utilisation");
        foreach (SchedulerKind kind in new[] { SchedulerKind.Credit, SchedulerKind.Credit2, SchedulerKind.Rtds, SchedulerKind.Null, SchedulerKind.Arinc653 })
        {
            AffinityResult r = AffinityExperiment.Run(kind, 100, 7, 200 * SchedTime.Millisecond);
            w.WriteLine(string.Create(inv, $"    {kind,-9} {r.Trials,6}  {r.PinnedVcpus,8}  {r.Decisions,9}  {r.Violations,10}  {r.DoubleRuns,11}  {r.Utilisation,11:F3}"));
        }

        w.WriteLine();
        w.WriteLine("(c) RTDS, 4 CPUs, random implicit-deadline task sets (periods 10-100 ms, budget = WCET), 400 ms each");
        w.WriteLine("    set kind                         sets  global  partitioned  rejected  mean_U  jobs    misses  miss_rate  sets_missing  budget_overruns");
        Rtds(w, inv, "schedulable U in [2,4]", RtdsExperiment.Run(100, 4, 2.0, 4.0, true, 11, 400 * SchedTime.Millisecond));
        Rtds(w, inv, "oversubscribed U in (4,4.4]", RtdsExperiment.Run(30, 4, 4.0001, 4.4, false, 21, 400 * SchedTime.Millisecond));
        Rtds(w, inv, "oversubscribed U in (4.4,5]", RtdsExperiment.Run(30, 4, 4.4, 5.0, false, 22, 400 * SchedTime.Millisecond));
        Rtds(w, inv, "oversubscribed U in (5,6]", RtdsExperiment.Run(30, 4, 5.0, 6.0, false, 23, 400 * SchedTime.Millisecond));
    }

    private static void Share(TextWriter w, CultureInfo inv, SchedulerKind kind, TopologyLevel level)
    {
        ShareResult? r = ShareExperiment.Run(kind, level, 42, 10 * SchedTime.Second, 4);
        if (r == null)
        {
            w.WriteLine($"    {kind}: could not build the scheduler");
            return;
        }

        string rq = kind == SchedulerKind.Credit2 ? level.ToString().ToLowerInvariant() : "-";
        w.WriteLine(string.Create(inv,
            $"    {kind,-8} {rq,-8} {r.Runqueues,4}  {r.Share[0] * 100,7:F2}%  {r.Share[1] * 100,7:F2}%  {r.Share[2] * 100,8:F2}%  {r.MaxRelativeError * 100,10:F2}%  {r.MaxAbsoluteErrorPoints,15:F2}  {r.Utilisation,11:F4}"));
    }

    private static void Rtds(TextWriter w, CultureInfo inv, string label, RtdsResult r)
    {
        w.WriteLine(string.Create(inv,
            $"    {label,-31} {r.Sets,4}  {r.Global,6}  {r.Partitioned,11}  {r.Rejected,8}  {r.MeanUtilisation,6:F2}  {r.Jobs,6}  {r.Misses,6}  {r.MissRate * 100,8:F2}%  {r.SetsWithMisses,12}  {r.BudgetOverruns,15}"));
    }
}
