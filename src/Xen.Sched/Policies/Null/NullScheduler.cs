// Why this file exists: the null policy (Xen's sched=null, xen/common/sched/null.c): each vCPU is statically
// assigned to one free pCPU inside its hard affinity and always runs there, with no time slicing; vCPUs that
// find no free pCPU wait in a FIFO until one is released. Zero scheduling overhead for static partitioning.
//
// Locking (bare-metal): one lock for the assignment table and wait queue.
using Xen.Sched.Collections;
using Xen.Sched.Topology;

namespace Xen.Sched.Policies.Null;

/// <summary>The null scheduler.</summary>
internal sealed class NullScheduler : PolicyBase
{
    private const int WaitList = 0;
    private readonly int[] _assigned;
    private readonly SlotList _waitq = new SlotList(1, 16);
    private int[] _cpuOf = new int[0];

    /// <summary>Creates null for the CPUs of <paramref name="poolCpus"/>.</summary>
    public NullScheduler(CpuTopology topology, CpuMask poolCpus)
        : base(topology, poolCpus)
    {
        _assigned = new int[topology.CpuCount];
        for (int i = 0; i < _assigned.Length; i++)
        {
            _assigned[i] = -1;
        }
    }

    public override SchedulerKind Kind => SchedulerKind.Null;

    public override long NextTimer => SchedTime.Never;

    /// <summary>pCPU a vCPU is assigned to, or -1 while it waits.</summary>
    public int AssignedCpu(SchedVcpu vcpu) => Owns(vcpu) ? _cpuOf[vcpu.PolicySlot] : -1;

    protected override void GrowDomainData(int slots)
    {
    }

    protected override void GrowVcpuData(int slots)
    {
        _cpuOf = ArrayGrow.To(_cpuOf, slots);
        _waitq.EnsureCapacity(slots);
    }

    protected override void InitDomain(int slot, SchedDomain domain)
    {
    }

    protected override SchedError InitVcpu(int slot, SchedVcpu vcpu, long now)
    {
        _cpuOf[slot] = -1;
        Assign(slot, vcpu);
        return SchedError.None;
    }

    /// <summary>Gives the vCPU a free allowed pCPU (its current one first), or puts it on the wait queue.</summary>
    private void Assign(int slot, SchedVcpu vcpu)
    {
        int cpu = -1;
        if (Allowed(vcpu, vcpu.Processor) && _assigned[vcpu.Processor] < 0)
        {
            cpu = vcpu.Processor;
        }
        else
        {
            for (int c = PoolCpus.First(); c >= 0; c = PoolCpus.Next(c))
            {
                if (_assigned[c] < 0 && vcpu.HardAffinity.Test(c))
                {
                    cpu = c;
                    break;
                }
            }
        }

        if (cpu < 0)
        {
            _waitq.AddTail(WaitList, slot);
            return;
        }

        _assigned[cpu] = slot;
        _cpuOf[slot] = cpu;
        vcpu.Processor = cpu;
        if (vcpu.State == VcpuRunState.Runnable)
        {
            Tickle(cpu);
        }
    }

    /// <summary>Frees a pCPU and hands it to the first waiter allowed there.</summary>
    private void Unassign(int slot)
    {
        int cpu = _cpuOf[slot];
        _waitq.Remove(slot);
        if (cpu < 0)
        {
            return;
        }

        _assigned[cpu] = -1;
        _cpuOf[slot] = -1;
        for (int s = _waitq.First(WaitList); s >= 0; s = _waitq.Next(s))
        {
            SchedVcpu w = VcpuAt(s)!;
            if (w.HardAffinity.Test(cpu))
            {
                _waitq.Remove(s);
                _assigned[cpu] = s;
                _cpuOf[s] = cpu;
                w.Processor = cpu;
                Tickle(cpu);
                break;
            }
        }
    }

    protected override void ReleaseVcpu(int slot, SchedVcpu vcpu, long now) => Unassign(slot);

    public override ScheduleDecision DoSchedule(int cpu, long now)
    {
        SchedVcpu? prev = Current[cpu];
        if (prev != null && prev.State == VcpuRunState.Running)
        {
            prev.State = VcpuRunState.Runnable;
            int moved = _cpuOf[prev.PolicySlot];
            if (moved >= 0 && moved != cpu)
            {
                Tickle(moved); // re-pinned while running: its new pCPU can take it now
            }
        }

        LastStart[cpu] = now;
        int slot = _assigned[cpu];
        SchedVcpu? v = slot >= 0 ? VcpuAt(slot) : null;
        if (v == null || v.State != VcpuRunState.Runnable || !Allowed(v, cpu))
        {
            Current[cpu] = null;
            return new ScheduleDecision(null, SchedTime.Never);
        }

        Current[cpu] = v;
        v.State = VcpuRunState.Running;
        return new ScheduleDecision(v, SchedTime.Never);
    }

    public override void Wake(SchedVcpu vcpu, long now)
    {
        if (!Owns(vcpu) || vcpu.State == VcpuRunState.Running || vcpu.State == VcpuRunState.Runnable)
        {
            return;
        }

        if (ResumeIfStillCurrent(vcpu))
        {
            return;
        }

        vcpu.State = VcpuRunState.Runnable;
        int cpu = _cpuOf[vcpu.PolicySlot];
        if (cpu >= 0)
        {
            Tickle(cpu);
        }
    }

    public override void Sleep(SchedVcpu vcpu, long now)
    {
        if (!Owns(vcpu) || vcpu.State == VcpuRunState.Blocked || vcpu.State == VcpuRunState.Offline)
        {
            return;
        }

        bool running = vcpu.State == VcpuRunState.Running;
        vcpu.State = VcpuRunState.Blocked;
        if (running)
        {
            Tickle(vcpu.Processor);
        }
    }

    public override void Yield(SchedVcpu vcpu, long now)
    {
        // Nobody else may use the pCPU: yielding is a no-op, as in Xen's null scheduler.
    }

    public override int PickCpu(SchedVcpu vcpu, long now)
    {
        int cpu = Owns(vcpu) ? _cpuOf[vcpu.PolicySlot] : -1;
        return cpu >= 0 ? cpu : FirstAllowed(vcpu, vcpu.Processor);
    }

    protected override SchedError MoveTo(SchedVcpu vcpu, int cpu, long now)
    {
        int slot = vcpu.PolicySlot;
        if (_assigned[cpu] >= 0 && _assigned[cpu] != slot)
        {
            return SchedError.Busy; // the pCPU belongs to another vCPU; this one keeps its own
        }

        Unassign(slot);
        _waitq.Remove(slot);
        vcpu.Processor = cpu;
        Assign(slot, vcpu);
        return SchedError.None;
    }

    protected override void AffinityChanged(SchedVcpu vcpu, long now)
    {
        int slot = vcpu.PolicySlot;
        int cpu = _cpuOf[slot];
        if (cpu >= 0 && vcpu.HardAffinity.Test(cpu))
        {
            return;
        }

        if (vcpu.State == VcpuRunState.Running)
        {
            Tickle(vcpu.Processor);
        }

        Unassign(slot);
        _waitq.Remove(slot);
        Assign(slot, vcpu);
    }

    public override SchedError GetDomainParams(SchedDomain domain, out SchedParams parameters)
    {
        parameters = SchedParams.Default;
        return Owns(domain) ? SchedError.None : SchedError.NotFound;
    }

    public override SchedError SetDomainParams(SchedDomain domain, in SchedParams parameters) =>
        Owns(domain) ? SchedError.InvalidArgument : SchedError.NotFound; // null has no parameters

    public override SchedError GetVcpuParams(SchedVcpu vcpu, out SchedParams parameters)
    {
        parameters = SchedParams.Default;
        return Owns(vcpu) ? SchedError.None : SchedError.NotFound;
    }

    public override SchedError SetVcpuParams(SchedVcpu vcpu, in SchedParams parameters) =>
        Owns(vcpu) ? SchedError.InvalidArgument : SchedError.NotFound;

    public override void OnTimer(long now)
    {
    }

    public override void Dump(ISchedDumpWriter writer)
    {
        writer.Text("null waiting=");
        writer.Number(_waitq.Count(WaitList));
        writer.EndLine();
        for (int c = PoolCpus.First(); c >= 0; c = PoolCpus.Next(c))
        {
            writer.Text("  cpu");
            writer.Number(c);
            SchedVcpu? v = _assigned[c] >= 0 ? VcpuAt(_assigned[c]) : null;
            if (v == null)
            {
                writer.Text(" free");
            }
            else
            {
                writer.Text(" d");
                writer.Number(v.Domain.DomainId);
                writer.Text("v");
                writer.Number(v.VcpuId);
            }

            writer.EndLine();
        }
    }
}
