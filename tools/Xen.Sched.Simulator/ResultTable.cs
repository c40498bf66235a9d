// Why this file exists: renders a simulation's metrics as a fixed-width text table (hosted only).
using System;
using System.Globalization;
using System.IO;
using System.Text;
using Xen.Sched.Simulation;

namespace Xen.Sched.Simulator;

/// <summary>Text table of per-domain results.</summary>
internal static class ResultTable
{
    public static void Write(TextWriter w, Scenario s, SchedulerSimulator sim, int cpus)
    {
        long total = 0;
        for (int i = 0; i < sim.DomainCount; i++)
        {
            total += sim.Domain(i).RunTime;
        }

        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scheduler={s.Scheduler} cpus={cpus} duration={sim.Duration / 1e6:F0}ms seed={s.Seed}"));
        StringBuilder sb = new();
        sb.AppendLine("dom  vcpus  params              load      cpu_ms    share%  machine%  lat_p50_us  lat_p99_us  lat_max_us  jobs    misses  miss%");
        for (int i = 0; i < sim.DomainCount; i++)
        {
            SimDomainStats d = sim.Domain(i);
            ScenarioDomain sd = s.Domains[i];
            string p = s.Scheduler switch
            {
                SchedulerKind.Credit or SchedulerKind.Credit2 => $"w={sd.Params.Weight} cap={sd.Params.Cap}",
                SchedulerKind.Rtds => $"{sd.Params.Budget / 1000}/{sd.Params.Period / 1000}us",
                _ => "-",
            };
            string load = sd.Load.Kind switch
            {
                WorkloadKind.CpuBound => "cpu",
                WorkloadKind.IoBound => "io",
                _ => "periodic",
            };
            double share = total == 0 ? 0 : 100.0 * d.RunTime / total;
            double machine = 100.0 * d.RunTime / ((double)sim.Duration * cpus);
            double missPct = d.Jobs == 0 ? 0 : 100.0 * d.Misses / d.Jobs;
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{d.DomainId,-4} {d.VcpuCount,5}  {p,-18}  {load,-8} {d.RunTime / 1e6,9:F1}  {share,7:F2}  {machine,8:F2}  {d.Latency.Percentile(50) / 1e3,10:F1}  {d.Latency.Percentile(99) / 1e3,10:F1}  {d.Latency.Max / 1e3,10:F1}  {d.Jobs,6}  {d.Misses,6}  {missPct,5:F2}"));
            sb.AppendLine();
        }

        w.Write(sb.ToString());
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decisions={sim.Decisions} context_switches={sim.ContextSwitches} migrations={sim.Migrations} affinity_violations={sim.AffinityViolations} double_runs={sim.DoubleRuns}"));
    }
}
