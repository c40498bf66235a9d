// Why this file exists: the RTDS policy (Xen's sched=rtds, xen/common/sched/rt.c as made event-driven in 4.7):
// every vCPU is a deferrable server (period, budget); runnable vCPUs are scheduled by global EDF on their
// current deadline; budget is enforced by the slice length (no tick) and replenished by one timer set at the
// earliest pending deadline. Optional extratime lets a vCPU with no budget run at a lower priority level.
// This file: setup, parameters, dump. Scheduling is in RtdsScheduler.Schedule.cs.
//
// Locking (bare-metal): one global lock protects the three queues, as Xen's prv->lock does.
using Xen.Sched.Collections;
using Xen.Sched.Topology;

namespace Xen.Sched.Policies.Rtds;

/// <summary>The RTDS scheduler.</summary>
internal sealed partial class RtdsScheduler : PolicyBase
{
    // Runnable with budget (level 0), keyed by -deadline: global EDF order.
    private readonly SlotHeap _runq = new SlotHeap(16);
    // Extratime vCPUs that used their budget (level 1), keyed by -deadline.
    private readonly SlotHeap _extraq = new SlotHeap(16);
    // Every awake vCPU keyed by -deadline: the replenishment timer fires at the top.
    private readonly SlotHeap _replq = new SlotHeap(16);
    private readonly CpuMask _tickled;

    private long[] _period = new long[0];
    private long[] _budget = new long[0];
    private long[] _curBudget = new long[0];
    private long[] _deadline = new long[0];
    private int[] _level = new int[0];
    private bool[] _extra = new bool[0];

    private long[] _domPeriod = new long[0];
    private long[] _domBudget = new long[0];
    private bool[] _domExtra = new bool[0];

    /// <summary>Creates RTDS for the CPUs of <paramref name="poolCpus"/>.</summary>
    public RtdsScheduler(CpuTopology topology, CpuMask poolCpus)
        : base(topology, poolCpus)
    {
        _tickled = new CpuMask(topology.CpuCount);
    }

    public override SchedulerKind Kind => SchedulerKind.Rtds;

    protected override void GrowDomainData(int slots)
    {
        _domPeriod = ArrayGrow.To(_domPeriod, slots);
        _domBudget = ArrayGrow.To(_domBudget, slots);
        _domExtra = ArrayGrow.To(_domExtra, slots);
    }

    protected override void GrowVcpuData(int slots)
    {
        _period = ArrayGrow.To(_period, slots);
        _budget = ArrayGrow.To(_budget, slots);
        _curBudget = ArrayGrow.To(_curBudget, slots);
        _deadline = ArrayGrow.To(_deadline, slots);
        _level = ArrayGrow.To(_level, slots);
        _extra = ArrayGrow.To(_extra, slots);
        _runq.EnsureCapacity(slots);
        _extraq.EnsureCapacity(slots);
        _replq.EnsureCapacity(slots);
    }

    protected override void InitDomain(int slot, SchedDomain domain)
    {
        _domPeriod[slot] = RtdsConstants.DefaultPeriod;
        _domBudget[slot] = RtdsConstants.DefaultBudget;
        _domExtra[slot] = false;
    }

    protected override SchedError InitVcpu(int slot, SchedVcpu vcpu, long now)
    {
        int d = vcpu.Domain.PolicySlot;
        _period[slot] = _domPeriod[d];
        _budget[slot] = _domBudget[d];
        _extra[slot] = _domExtra[d];
        _deadline[slot] = 0;
        _curBudget[slot] = 0;
        _level[slot] = 0;
        UpdateDeadline(slot, now);
        return SchedError.None;
    }

    protected override void ReleaseVcpu(int slot, SchedVcpu vcpu, long now)
    {
        _runq.Remove(slot);
        _extraq.Remove(slot);
        _replq.Remove(slot);
    }

    private static SchedError Validate(in SchedParams p)
    {
        if (p.Period < RtdsConstants.MinPeriod || p.Period > RtdsConstants.MaxPeriod)
        {
            return SchedError.InvalidArgument;
        }

        if (p.Budget < RtdsConstants.MinBudget || p.Budget > p.Period)
        {
            return SchedError.InvalidArgument;
        }

        return SchedError.None;
    }

    public override SchedError GetDomainParams(SchedDomain domain, out SchedParams parameters)
    {
        parameters = SchedParams.Default;
        if (!Owns(domain))
        {
            return SchedError.NotFound;
        }

        int d = domain.PolicySlot;
        parameters.Period = _domPeriod[d];
        parameters.Budget = _domBudget[d];
        parameters.ExtraTime = _domExtra[d];
        return SchedError.None;
    }

    public override SchedError SetDomainParams(SchedDomain domain, in SchedParams parameters)
    {
        if (!Owns(domain))
        {
            return SchedError.NotFound;
        }

        SchedError rc = Validate(parameters);
        if (rc != SchedError.None)
        {
            return rc;
        }

        int d = domain.PolicySlot;
        _domPeriod[d] = parameters.Period;
        _domBudget[d] = parameters.Budget;
        _domExtra[d] = parameters.ExtraTime;
        for (int i = 0; i < domain.VcpuCount; i++)
        {
            if (domain.Vcpu(i).PolicySlot >= 0)
            {
                Apply(domain.Vcpu(i).PolicySlot, parameters);
            }
        }

        return SchedError.None;
    }

    public override SchedError GetVcpuParams(SchedVcpu vcpu, out SchedParams parameters)
    {
        parameters = SchedParams.Default;
        if (!Owns(vcpu))
        {
            return SchedError.NotFound;
        }

        int s = vcpu.PolicySlot;
        parameters.Period = _period[s];
        parameters.Budget = _budget[s];
        parameters.ExtraTime = _extra[s];
        return SchedError.None;
    }

    public override SchedError SetVcpuParams(SchedVcpu vcpu, in SchedParams parameters)
    {
        if (!Owns(vcpu))
        {
            return SchedError.NotFound;
        }

        SchedError rc = Validate(parameters);
        if (rc == SchedError.None)
        {
            Apply(vcpu.PolicySlot, parameters);
        }

        return rc;
    }

    private void Apply(int slot, in SchedParams p)
    {
        _period[slot] = p.Period;
        _budget[slot] = p.Budget;
        _extra[slot] = p.ExtraTime;
        if (_curBudget[slot] > p.Budget)
        {
            _curBudget[slot] = p.Budget;
        }

        // A blocked vCPU restarts its server on the new period grid at its next wake-up; an awake one keeps its
        // current deadline and picks up the new period at its next replenishment.
        if (VcpuAt(slot)!.State == VcpuRunState.Blocked)
        {
            _deadline[slot] = 0;
            _curBudget[slot] = 0;
        }
    }

    public override void Dump(ISchedDumpWriter writer)
    {
        writer.Text("rtds runq=");
        writer.Number(_runq.Count);
        writer.Text(" extraq=");
        writer.Number(_extraq.Count);
        writer.Text(" replq=");
        writer.Number(_replq.Count);
        writer.EndLine();
        for (int s = 0; s < VcpuSlotCount; s++)
        {
            SchedVcpu? v = VcpuAt(s);
            if (v == null)
            {
                continue;
            }

            writer.Text("  d");
            writer.Number(v.Domain.DomainId);
            writer.Text("v");
            writer.Number(v.VcpuId);
            writer.Text(" period=");
            writer.Number(_period[s]);
            writer.Text(" budget=");
            writer.Number(_budget[s]);
            writer.Text(" cur_budget=");
            writer.Number(_curBudget[s]);
            writer.Text(" deadline=");
            writer.Number(_deadline[s]);
            writer.Text(" level=");
            writer.Number(_level[s]);
            writer.EndLine();
        }
    }
}
