// Why this file exists: turns a parsed scenario into a scheduler + simulator run, applying parameters,
// pinnings (at start or at a given time) and an ARINC653 schedule, and reporting scheduler errors by name.
using System;
using System.Collections.Generic;
using Xen.Sched.Policies.Arinc653;
using Xen.Sched.Simulation;
using Xen.Sched.Topology;

namespace Xen.Sched.Simulator;

/// <summary>Runs scenarios.</summary>
internal static class ScenarioRunner
{
    public static (SchedulerSimulator Sim, IScheduler Scheduler, CpuTopology Topology) Run(Scenario s)
    {
        CpuTopology topo = new CpuTopology(s.Nodes, s.SocketsPerNode, s.CoresPerSocket, s.ThreadsPerCore);
        Check(SchedulerFactory.Create(s.Scheduler, topo, s.Options, out IScheduler? sched), "scheduler options");
        SchedulerSimulator sim = new SchedulerSimulator(sched!, topo, s.Seed, s.Duration, s.Buckets);
        Dictionary<int, SchedDomain> byId = new();
        foreach (ScenarioDomain d in s.Domains)
        {
            SchedDomain dom = new SchedDomain(d.Id, d.Vcpus, topo.CpuCount);
            byId[d.Id] = dom;
            Check(sim.AddDomain(dom, d.Load), $"domain {d.Id}");
            if (s.Scheduler is SchedulerKind.Credit or SchedulerKind.Credit2 or SchedulerKind.Rtds)
            {
                Check(sched!.SetDomainParams(dom, d.Params), $"parameters of domain {d.Id}");
            }
        }

        if (s.Frames.Count > 0)
        {
            if (sched is not IArinc653Scheduler a653)
            {
                throw new FormatException("frame lines need 'scheduler arinc653'");
            }

            Check(a653.SetSchedule(s.MajorFrame, s.Frames.ToArray(), s.Frames.Count), "arinc653 schedule");
        }

        List<ScenarioPin> pins = new(s.Pins);
        pins.Sort((a, b) => a.At.CompareTo(b.At));
        foreach (ScenarioPin pin in pins)
        {
            if (pin.At > 0)
            {
                sim.RunUntil(pin.At);
            }

            if (!byId.TryGetValue(pin.DomainId, out SchedDomain? dom) || pin.Vcpu < 0 || pin.Vcpu >= dom.VcpuCount)
            {
                throw new FormatException($"pin: no vCPU d{pin.DomainId}v{pin.Vcpu}");
            }

            CpuMask hard = new CpuMask(topo.CpuCount);
            CpuMask soft = new CpuMask(topo.CpuCount);
            pin.Hard.ForEach(hard.Set);
            if (pin.Soft == null)
            {
                soft.SetAll();
            }
            else
            {
                pin.Soft.ForEach(soft.Set);
            }

            Check(sched!.SetAffinity(dom.Vcpu(pin.Vcpu), hard, soft, sim.Now), $"pin d{pin.DomainId}v{pin.Vcpu}");
        }

        sim.Run();
        return (sim, sched!, topo);
    }

    private static void Check(SchedError rc, string what)
    {
        if (rc != SchedError.None)
        {
            throw new FormatException($"{what}: {rc} (Xen errno {(int)rc})");
        }
    }
}
