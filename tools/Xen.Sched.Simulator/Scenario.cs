// Why this file exists: the in-memory form of a scenario file (see docs/sched.md for the syntax).
using System.Collections.Generic;
using Xen.Sched.Policies.Arinc653;
using Xen.Sched.Simulation;

namespace Xen.Sched.Simulator;

/// <summary>One domain line of a scenario.</summary>
internal sealed class ScenarioDomain
{
    public int Id { get; set; }

    public int Vcpus { get; set; } = 1;

    public SchedParams Params = SchedParams.Default;

    public Workload Load = Workload.CpuBound();
}

/// <summary>A pin line: hard (and optional soft) affinity of one vCPU.</summary>
internal sealed class ScenarioPin
{
    public int DomainId { get; set; }

    public int Vcpu { get; set; }

    public List<int> Hard { get; } = new();

    public List<int>? Soft { get; set; }

    /// <summary>When to apply, ns (0 = at start).</summary>
    public long At { get; set; }
}

/// <summary>A parsed scenario.</summary>
internal sealed class Scenario
{
    public SchedulerKind Scheduler { get; set; } = SchedulerKind.Credit2;

    public int Nodes { get; set; } = 1;

    public int SocketsPerNode { get; set; } = 1;

    public int CoresPerSocket { get; set; } = 4;

    public int ThreadsPerCore { get; set; } = 1;

    public SchedulerOptions Options = SchedulerOptions.Default;

    public long Duration { get; set; } = 10 * SchedTime.Second;

    public ulong Seed { get; set; } = 1;

    public int Buckets { get; set; } = 100;

    public List<ScenarioDomain> Domains { get; } = new();

    public List<ScenarioPin> Pins { get; } = new();

    public long MajorFrame { get; set; }

    public List<Arinc653Entry> Frames { get; } = new();
}
