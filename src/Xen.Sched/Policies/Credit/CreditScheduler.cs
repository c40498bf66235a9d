// Why this file exists: the credit policy (Xen's default sched=credit, xen/common/sched/credit.c): per-CPU
// runqueues ordered BOOST > UNDER > OVER, round-robin within a class; credits handed out every time slice in
// proportion to domain weight and limited by cap; idle CPUs steal higher-priority work from peers.
// This file: setup, parameters and dump; see CreditScheduler.Schedule.cs and CreditScheduler.Accounting.cs.
//
// Locking (bare-metal): a lock per CPU runqueue; accounting takes the private lock, as Xen does.
using Xen.Sched.Collections;
using Xen.Sched.Topology;

namespace Xen.Sched.Policies.Credit;

/// <summary>The credit scheduler.</summary>
internal sealed partial class CreditScheduler : PolicyBase
{
    private readonly SchedulerOptions _options;
    private readonly SlotList _runq;
    private readonly long[] _runStart;
    private readonly int _poolCpuCount;

    private long[] _credit = new long[0];
    private int[] _prio = new int[0];
    private bool[] _parked = new bool[0];
    private bool[] _ranThisPeriod = new bool[0];

    private int[] _domWeight = new int[0];
    private int[] _domCap = new int[0];
    private long[] _domShare = new long[0];
    private int[] _domActive = new int[0];

    private long _nextAccounting;

    /// <summary>Creates credit for the CPUs of <paramref name="poolCpus"/>.</summary>
    public CreditScheduler(CpuTopology topology, CpuMask poolCpus, in SchedulerOptions options)
        : base(topology, poolCpus)
    {
        _options = options;
        _runq = new SlotList(topology.CpuCount * CreditConstants.Priorities, 16);
        _runStart = new long[topology.CpuCount];
        _poolCpuCount = PoolCpus.Count();
        _nextAccounting = options.CreditTimeslice;
        _tickled = new CpuMask(topology.CpuCount);
    }

    public override SchedulerKind Kind => SchedulerKind.Credit;

    protected override void GrowDomainData(int slots)
    {
        _domWeight = ArrayGrow.To(_domWeight, slots);
        _domCap = ArrayGrow.To(_domCap, slots);
        _domShare = ArrayGrow.To(_domShare, slots);
        _domActive = ArrayGrow.To(_domActive, slots);
    }

    protected override void GrowVcpuData(int slots)
    {
        _credit = ArrayGrow.To(_credit, slots);
        _prio = ArrayGrow.To(_prio, slots);
        _parked = ArrayGrow.To(_parked, slots);
        _ranThisPeriod = ArrayGrow.To(_ranThisPeriod, slots);
        _yielded = ArrayGrow.To(_yielded, slots);
        _runq.EnsureCapacity(slots);
    }

    protected override void InitDomain(int slot, SchedDomain domain)
    {
        _domWeight[slot] = CreditConstants.DefaultWeight;
        _domCap[slot] = 0;
    }

    protected override SchedError InitVcpu(int slot, SchedVcpu vcpu, long now)
    {
        _credit[slot] = 0;
        _prio[slot] = CreditConstants.PrioUnder;
        _parked[slot] = false;
        _ranThisPeriod[slot] = false;
        return SchedError.None;
    }

    protected override void ReleaseVcpu(int slot, SchedVcpu vcpu, long now)
    {
        _runq.Remove(slot);
        _parked[slot] = false;
    }

    private static SchedError Validate(in SchedParams p, SchedDomain domain)
    {
        if (p.Weight < CreditConstants.MinWeight || p.Weight > CreditConstants.MaxWeight)
        {
            return SchedError.InvalidArgument;
        }

        // Xen: cap is a percentage of one CPU, 0 = no cap, at most 100 × nr_vcpus.
        if (p.Cap < 0 || p.Cap > 100 * domain.VcpuCount)
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

        parameters.Weight = _domWeight[domain.PolicySlot];
        parameters.Cap = _domCap[domain.PolicySlot];
        return SchedError.None;
    }

    public override SchedError SetDomainParams(SchedDomain domain, in SchedParams parameters)
    {
        if (!Owns(domain))
        {
            return SchedError.NotFound;
        }

        SchedError rc = Validate(parameters, domain);
        if (rc != SchedError.None)
        {
            return rc;
        }

        _domWeight[domain.PolicySlot] = parameters.Weight;
        _domCap[domain.PolicySlot] = parameters.Cap;
        return SchedError.None;
    }

    public override SchedError GetVcpuParams(SchedVcpu vcpu, out SchedParams parameters)
    {
        parameters = SchedParams.Default;
        if (!Owns(vcpu))
        {
            return SchedError.NotFound;
        }

        return GetDomainParams(vcpu.Domain, out parameters);
    }

    public override SchedError SetVcpuParams(SchedVcpu vcpu, in SchedParams parameters)
    {
        // credit has no per-vCPU parameters (Xen's csched_dom_cntl is domain-wide only).
        return Owns(vcpu) ? SchedError.InvalidArgument : SchedError.NotFound;
    }

    public override void Dump(ISchedDumpWriter writer)
    {
        writer.Text("credit tslice_ns=");
        writer.Number(_options.CreditTimeslice);
        writer.Text(" ratelimit_ns=");
        writer.Number(_options.Ratelimit);
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
            writer.Text(" pri=");
            writer.Number(-_prio[s]);
            writer.Text(" credit=");
            writer.Number(_credit[s]);
            writer.Text(" cpu=");
            writer.Number(v.Processor);
            writer.Text(_parked[s] ? " parked" : string.Empty);
            writer.EndLine();
        }
    }
}
