// Why this file exists: the credit2 policy (Xen's sched=credit2, xen/common/sched/credit2.c): runqueues per
// cpu/core/socket/node/all chosen at start-up; each vCPU burns credit at a rate inversely proportional to its
// weight; the CPU runs the queued vCPU with most credit; credits are reset when the best one runs dry.
// This file holds construction, insertion and parameters; scheduling, waking, balancing and caps are in the
// sibling partial files.
//
// Locking (for the bare-metal build): one lock per runqueue protects its queue, epoch and load; domain
// parameters are changed under all runqueue locks. The simulator and tests are single-threaded.
using Xen.Sched.Collections;
using Xen.Sched.Topology;

namespace Xen.Sched.Policies.Credit2;

/// <summary>The credit2 scheduler.</summary>
internal sealed partial class Credit2Scheduler : PolicyBase
{
    private readonly SchedulerOptions _options;
    private readonly Credit2Runqueue[] _runqueues;
    private readonly int[] _runqueueOfCpu;
    private readonly long[] _runStart;
    private readonly CpuMask _tickled;
    private int[] _scratch = new int[Credit2Constants.BalanceScanLimit];

    // Per-vCPU data, indexed by slot.
    private long[] _credit = new long[0];
    private long[] _creditEpoch = new long[0];
    private int[] _rq = new int[0];
    private int[] _weight = new int[0];
    private int[] _lastCpu = new int[0];
    private bool[] _yielded = new bool[0];
    private bool[] _parked = new bool[0];
    private long[] _vcpuBudget = new long[0];

    // Per-domain data, indexed by domain slot.
    private int[] _domWeight = new int[0];
    private int[] _domCap = new int[0];
    private long[] _domBudget = new long[0];

    private int _maxWeight = Credit2Constants.DefaultWeight;
    private int _cappedDomains;
    private long _nextReplenish = SchedTime.Never;

    /// <summary>Creates credit2 for the CPUs of <paramref name="poolCpus"/>; options must be valid.</summary>
    public Credit2Scheduler(CpuTopology topology, CpuMask poolCpus, in SchedulerOptions options)
        : base(topology, poolCpus)
    {
        _options = options;
        _runStart = new long[topology.CpuCount];
        _tickled = new CpuMask(topology.CpuCount);
        _runqueueOfCpu = new int[topology.CpuCount];
        int[] groupToRq = new int[topology.CpuCount];
        for (int i = 0; i < groupToRq.Length; i++)
        {
            groupToRq[i] = -1;
            _runqueueOfCpu[i] = -1;
        }

        int count = 0;
        for (int c = PoolCpus.First(); c >= 0; c = PoolCpus.Next(c))
        {
            int g = topology.GroupOf(c, options.Credit2Runqueue);
            if (groupToRq[g] < 0)
            {
                groupToRq[g] = count++;
            }

            _runqueueOfCpu[c] = groupToRq[g];
        }

        _runqueues = new Credit2Runqueue[count];
        for (int i = 0; i < count; i++)
        {
            _runqueues[i] = new Credit2Runqueue(i, topology.CpuCount, 16);
        }

        for (int c = PoolCpus.First(); c >= 0; c = PoolCpus.Next(c))
        {
            _runqueues[_runqueueOfCpu[c]].Cpus.Set(c);
        }
    }

    public override SchedulerKind Kind => SchedulerKind.Credit2;

    /// <summary>Number of runqueues created from the arrangement.</summary>
    public int RunqueueCount => _runqueues.Length;

    /// <summary>Runqueue serving a CPU.</summary>
    public int RunqueueOf(int cpu) => _runqueueOfCpu[cpu];

    protected override void GrowDomainData(int slots)
    {
        _domWeight = ArrayGrow.To(_domWeight, slots);
        _domCap = ArrayGrow.To(_domCap, slots);
        _domBudget = ArrayGrow.To(_domBudget, slots);
    }

    protected override void GrowVcpuData(int slots)
    {
        _credit = ArrayGrow.To(_credit, slots);
        _creditEpoch = ArrayGrow.To(_creditEpoch, slots);
        _rq = ArrayGrow.To(_rq, slots);
        _weight = ArrayGrow.To(_weight, slots);
        _lastCpu = ArrayGrow.To(_lastCpu, slots);
        _yielded = ArrayGrow.To(_yielded, slots);
        _parked = ArrayGrow.To(_parked, slots);
        _vcpuBudget = ArrayGrow.To(_vcpuBudget, slots);
        _scratch = ArrayGrow.To(_scratch, slots);
        for (int i = 0; i < _runqueues.Length; i++)
        {
            _runqueues[i].Queue.EnsureCapacity(slots);
        }
    }

    protected override void InitDomain(int slot, SchedDomain domain)
    {
        _domWeight[slot] = Credit2Constants.DefaultWeight;
        _domCap[slot] = 0;
        _domBudget[slot] = 0;
    }

    protected override SchedError InitVcpu(int slot, SchedVcpu vcpu, long now)
    {
        int rq = _runqueueOfCpu[vcpu.Processor];
        _rq[slot] = rq;
        _credit[slot] = Credit2Constants.CreditInit;
        _creditEpoch[slot] = _runqueues[rq].Epoch;
        _weight[slot] = _domWeight[vcpu.Domain.PolicySlot];
        _lastCpu[slot] = vcpu.Processor;
        _yielded[slot] = false;
        _parked[slot] = false;
        _vcpuBudget[slot] = 0;
        if (_weight[slot] > _maxWeight)
        {
            _maxWeight = _weight[slot];
        }

        return SchedError.None;
    }

    protected override void ReleaseVcpu(int slot, SchedVcpu vcpu, long now)
    {
        _runqueues[_rq[slot]].Queue.Remove(slot);
        _parked[slot] = false;
        RecomputeMaxWeight();
    }

    private void RecomputeMaxWeight()
    {
        int max = 1;
        for (int s = 0; s < VcpuSlotCount; s++)
        {
            if (VcpuAt(s) != null && _weight[s] > max)
            {
                max = _weight[s];
            }
        }

        _maxWeight = max;
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

        // Xen: weight 1..65535 (0 means "leave unchanged" in the hypercall; we require a real value);
        // cap 0 (none) .. 100 * vCPUs percent.
        if (parameters.Weight < Credit2Constants.MinWeight || parameters.Weight > Credit2Constants.MaxWeight)
        {
            return SchedError.InvalidArgument;
        }

        if (parameters.Cap < 0 || parameters.Cap > 100 * domain.VcpuCount)
        {
            return SchedError.InvalidArgument;
        }

        int ds = domain.PolicySlot;
        _domWeight[ds] = parameters.Weight;
        for (int i = 0; i < domain.VcpuCount; i++)
        {
            int s = domain.Vcpu(i).PolicySlot;
            if (s >= 0)
            {
                _weight[s] = parameters.Weight;
            }
        }

        SetCap(domain, parameters.Cap);
        RecomputeMaxWeight();
        return SchedError.None;
    }

    public override SchedError GetVcpuParams(SchedVcpu vcpu, out SchedParams parameters)
    {
        parameters = SchedParams.Default;
        if (!Owns(vcpu))
        {
            return SchedError.NotFound;
        }

        parameters.Weight = _weight[vcpu.PolicySlot];
        parameters.Cap = _domCap[vcpu.Domain.PolicySlot];
        return SchedError.None;
    }

    public override SchedError SetVcpuParams(SchedVcpu vcpu, in SchedParams parameters)
    {
        if (!Owns(vcpu))
        {
            return SchedError.NotFound;
        }

        if (parameters.Weight < Credit2Constants.MinWeight || parameters.Weight > Credit2Constants.MaxWeight)
        {
            return SchedError.InvalidArgument;
        }

        _weight[vcpu.PolicySlot] = parameters.Weight;
        RecomputeMaxWeight();
        return SchedError.None;
    }

    public override void Dump(ISchedDumpWriter writer)
    {
        writer.Text("credit2 runqueues=");
        writer.Number(_runqueues.Length);
        writer.Text(" max_weight=");
        writer.Number(_maxWeight);
        writer.EndLine();
        for (int i = 0; i < _runqueues.Length; i++)
        {
            Credit2Runqueue r = _runqueues[i];
            writer.Text(" rq ");
            writer.Number(i);
            writer.Text(" cpus=");
            writer.Number(r.Cpus.Count());
            writer.Text(" active=");
            writer.Number(r.Active);
            writer.Text(" avgload_x1000=");
            writer.Number((r.AverageLoad * 1000) >> Credit2Constants.LoadPrecisionShift);
            writer.Text(" queued=");
            writer.Number(r.Queue.Count);
            writer.EndLine();
        }

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
            writer.Text(" rq=");
            writer.Number(_rq[s]);
            writer.Text(" weight=");
            writer.Number(_weight[s]);
            writer.Text(" credit=");
            writer.Number(EffectiveCredit(s));
            writer.EndLine();
        }
    }
}
