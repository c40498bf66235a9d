// Why this file exists: bookkeeping every policy needs and Xen keeps in sched core (core.c): slot tables for
// domains and vCPUs, which vCPU each CPU runs, pool membership, affinity validation and tickling. Policies
// derive from it and implement only their algorithm, as Xen's policies fill in the ops table.
using Xen.Sched.Topology;

namespace Xen.Sched.Policies;

/// <summary>Shared slot tables and validation for the policies.</summary>
internal abstract class PolicyBase : IScheduler
{
    private ISchedulerHost? _host;
    private SchedVcpu?[] _vcpus = new SchedVcpu?[8];
    private SchedDomain?[] _domains = new SchedDomain?[4];
    private int[] _freeVcpuSlots = new int[8];
    private int _freeVcpuCount;
    private int[] _scratch = new int[8];

    /// <summary>Initialises the tables for the CPUs of <paramref name="poolCpus"/>.</summary>
    /// <param name="topology">Machine topology.</param>
    /// <param name="poolCpus">CPUs of the pool this instance runs (copied).</param>
    protected PolicyBase(CpuTopology topology, CpuMask poolCpus)
    {
        Topology = topology;
        PoolCpus = new CpuMask(topology.CpuCount);
        PoolCpus.CopyFrom(poolCpus);
        Current = new SchedVcpu?[topology.CpuCount];
        LastStart = new long[topology.CpuCount];
    }

    public abstract SchedulerKind Kind { get; }

    public abstract long NextTimer { get; }

    protected CpuTopology Topology { get; }

    protected CpuMask PoolCpus { get; }

    /// <summary>vCPU each CPU runs (null = idle), as decided by the last DoSchedule.</summary>
    protected SchedVcpu?[] Current { get; }

    /// <summary>When the current vCPU of each CPU was (re)started or last accounted.</summary>
    protected long[] LastStart { get; }

    /// <summary>Number of vCPU slots ever used (upper bound for slot loops).</summary>
    protected int VcpuSlotCount { get; private set; }

    /// <summary>Number of domain slots ever used.</summary>
    protected int DomainSlotCount { get; private set; }

    protected SchedVcpu? VcpuAt(int slot) => _vcpus[slot];

    protected SchedDomain? DomainAt(int slot) => _domains[slot];

    public void AttachHost(ISchedulerHost host) => _host = host;

    protected void Tickle(int cpu)
    {
        if (_host != null && PoolCpus.Test(cpu))
        {
            _host.Tickle(cpu);
        }
    }

    public SchedError InsertDomain(SchedDomain domain)
    {
        if (domain.PolicySlot >= 0)
        {
            return SchedError.AlreadyExists;
        }

        int slot = -1;
        for (int i = 0; i < DomainSlotCount; i++)
        {
            if (_domains[i] == null)
            {
                slot = i;
                break;
            }
        }

        if (slot < 0)
        {
            slot = DomainSlotCount++;
            if (slot >= _domains.Length)
            {
                _domains = Collections.ArrayGrow.To(_domains, _domains.Length * 2);
            }

            GrowDomainData(DomainSlotCount);
        }

        _domains[slot] = domain;
        domain.PolicySlot = slot;
        InitDomain(slot, domain);
        return SchedError.None;
    }

    public SchedError RemoveDomain(SchedDomain domain)
    {
        if (!Owns(domain))
        {
            return SchedError.NotFound;
        }

        for (int i = 0; i < domain.VcpuCount; i++)
        {
            if (domain.Vcpu(i).PolicySlot >= 0)
            {
                return SchedError.Busy;
            }
        }

        _domains[domain.PolicySlot] = null;
        domain.PolicySlot = -1;
        return SchedError.None;
    }

    public SchedError InsertVcpu(SchedVcpu vcpu, long now)
    {
        if (!Owns(vcpu.Domain))
        {
            return SchedError.NotFound;
        }

        if (vcpu.PolicySlot >= 0)
        {
            return SchedError.AlreadyExists;
        }

        if (!vcpu.HardAffinity.Intersects(PoolCpus))
        {
            return SchedError.InvalidArgument;
        }

        int slot;
        if (_freeVcpuCount > 0)
        {
            slot = _freeVcpuSlots[--_freeVcpuCount];
        }
        else
        {
            slot = VcpuSlotCount++;
            if (slot >= _vcpus.Length)
            {
                _vcpus = Collections.ArrayGrow.To(_vcpus, _vcpus.Length * 2);
                _freeVcpuSlots = Collections.ArrayGrow.To(_freeVcpuSlots, _vcpus.Length);
            }

            _scratch = Collections.ArrayGrow.To(_scratch, VcpuSlotCount);
            GrowVcpuData(VcpuSlotCount);
        }

        _vcpus[slot] = vcpu;
        vcpu.PolicySlot = slot;
        vcpu.State = VcpuRunState.Blocked;
        vcpu.Processor = FirstAllowed(vcpu, vcpu.Processor);
        SchedError rc = InitVcpu(slot, vcpu, now);
        if (rc != SchedError.None)
        {
            _vcpus[slot] = null;
            vcpu.PolicySlot = -1;
            vcpu.State = VcpuRunState.Offline;
            _freeVcpuSlots[_freeVcpuCount++] = slot;
        }

        return rc;
    }

    public SchedError RemoveVcpu(SchedVcpu vcpu, long now)
    {
        if (!Owns(vcpu))
        {
            return SchedError.NotFound;
        }

        if (vcpu.State == VcpuRunState.Running)
        {
            return SchedError.Busy;
        }

        if (vcpu.State == VcpuRunState.Runnable)
        {
            Sleep(vcpu, now);
        }

        int slot = vcpu.PolicySlot;
        ReleaseVcpu(slot, vcpu, now);
        _vcpus[slot] = null;
        vcpu.PolicySlot = -1;
        vcpu.State = VcpuRunState.Offline;
        _freeVcpuSlots[_freeVcpuCount++] = slot;
        return SchedError.None;
    }

    public SchedError SetAffinity(SchedVcpu vcpu, CpuMask hard, CpuMask soft, long now)
    {
        if (!Owns(vcpu))
        {
            return SchedError.NotFound;
        }

        if (!hard.Intersects(PoolCpus))
        {
            return SchedError.InvalidArgument;
        }

        vcpu.HardAffinity.CopyFrom(hard);
        vcpu.SoftAffinity.CopyFrom(soft);
        AffinityChanged(vcpu, now);
        return SchedError.None;
    }

    public SchedError Migrate(SchedVcpu vcpu, int cpu, long now)
    {
        if (!Owns(vcpu))
        {
            return SchedError.NotFound;
        }

        if (!PoolCpus.Test(cpu) || !vcpu.HardAffinity.Test(cpu))
        {
            return SchedError.InvalidArgument;
        }

        if (vcpu.State == VcpuRunState.Running)
        {
            return SchedError.Busy;
        }

        return MoveTo(vcpu, cpu, now);
    }

    public virtual void ContextSaved(int cpu, SchedVcpu? previous, long now)
    {
    }

    /// <summary>
    /// A vCPU that went to sleep while running and wakes before its CPU rescheduled is still that CPU's current
    /// vCPU: it simply keeps running (Xen's wake path does the same when the unit is still curr_on_cpu).
    /// </summary>
    protected bool ResumeIfStillCurrent(SchedVcpu vcpu)
    {
        if (Current[vcpu.Processor] != vcpu)
        {
            return false;
        }

        vcpu.State = VcpuRunState.Running;
        return true;
    }

    /// <summary>
    /// An idle, not yet tickled CPU for the vCPU, in order of preference: its current CPU if soft-affine, any
    /// soft-affine CPU, its current CPU, any CPU of its hard affinity; -1 when all are busy.
    /// </summary>
    protected int PickIdleCpu(SchedVcpu vcpu, CpuMask tickled)
    {
        int p = vcpu.Processor;
        bool pIdle = Allowed(vcpu, p) && Current[p] == null && !tickled.Test(p);
        if (pIdle && vcpu.SoftAffinity.Test(p))
        {
            return p;
        }

        int idle = -1;
        for (int c = PoolCpus.First(); c >= 0; c = PoolCpus.Next(c))
        {
            if (vcpu.HardAffinity.Test(c) && Current[c] == null && !tickled.Test(c))
            {
                if (vcpu.SoftAffinity.Test(c))
                {
                    return c;
                }

                idle = idle < 0 ? c : idle;
            }
        }

        return pIdle ? p : idle;
    }

    /// <summary>True if the vCPU may run on <paramref name="cpu"/>: inside the pool and its hard affinity.</summary>
    protected bool Allowed(SchedVcpu vcpu, int cpu) => PoolCpus.Test(cpu) && vcpu.HardAffinity.Test(cpu);

    /// <summary><paramref name="preferred"/> if allowed, else the first allowed CPU (there always is one).</summary>
    protected int FirstAllowed(SchedVcpu vcpu, int preferred)
    {
        if (Allowed(vcpu, preferred))
        {
            return preferred;
        }

        for (int c = PoolCpus.First(); c >= 0; c = PoolCpus.Next(c))
        {
            if (vcpu.HardAffinity.Test(c))
            {
                return c;
            }
        }

        return PoolCpus.First();
    }

    /// <summary>
    /// Pops the highest queued slot allowed on <paramref name="cpu"/>; slots skipped for affinity are pushed
    /// back with their keys. O(log n) when affinity is unrestricted, O(k log n) when k slots are skipped.
    /// </summary>
    protected int PopAllowed(Collections.SlotHeap heap, int cpu)
    {
        int skipped = 0;
        int found = -1;
        while (heap.Count > 0)
        {
            int s = heap.Pop();
            if (Allowed(_vcpus[s]!, cpu))
            {
                found = s;
                break;
            }

            _scratch[skipped++] = s;
        }

        for (int i = 0; i < skipped; i++)
        {
            heap.Push(_scratch[i], heap.KeyOf(_scratch[i]));
        }

        return found;
    }

    protected bool Owns(SchedDomain domain)
    {
        int s = domain.PolicySlot;
        return s >= 0 && s < DomainSlotCount && _domains[s] == domain;
    }

    protected bool Owns(SchedVcpu vcpu)
    {
        int s = vcpu.PolicySlot;
        return s >= 0 && s < VcpuSlotCount && _vcpus[s] == vcpu;
    }

    /// <summary>Grows policy arrays indexed by domain slot. Allocates (insert time only).</summary>
    protected abstract void GrowDomainData(int slots);

    /// <summary>Grows policy arrays indexed by vCPU slot. Allocates (insert time only).</summary>
    protected abstract void GrowVcpuData(int slots);

    /// <summary>Sets the domain's defaults.</summary>
    protected abstract void InitDomain(int slot, SchedDomain domain);

    /// <summary>Sets the vCPU's defaults; it starts blocked.</summary>
    protected abstract SchedError InitVcpu(int slot, SchedVcpu vcpu, long now);

    /// <summary>Drops a blocked vCPU from every policy structure.</summary>
    protected abstract void ReleaseVcpu(int slot, SchedVcpu vcpu, long now);

    /// <summary>Reacts to new affinity masks (requeue, tickle).</summary>
    protected abstract void AffinityChanged(SchedVcpu vcpu, long now);

    /// <summary>Moves a non-running vCPU to <paramref name="cpu"/>; Busy if the policy cannot place it there now.</summary>
    protected abstract SchedError MoveTo(SchedVcpu vcpu, int cpu, long now);

    public abstract void Wake(SchedVcpu vcpu, long now);

    public abstract void Sleep(SchedVcpu vcpu, long now);

    public abstract void Yield(SchedVcpu vcpu, long now);

    public abstract int PickCpu(SchedVcpu vcpu, long now);

    public abstract ScheduleDecision DoSchedule(int cpu, long now);

    public abstract SchedError GetDomainParams(SchedDomain domain, out SchedParams parameters);

    public abstract SchedError SetDomainParams(SchedDomain domain, in SchedParams parameters);

    public abstract SchedError GetVcpuParams(SchedVcpu vcpu, out SchedParams parameters);

    public abstract SchedError SetVcpuParams(SchedVcpu vcpu, in SchedParams parameters);

    public abstract void OnTimer(long now);

    public abstract void Dump(ISchedDumpWriter writer);
}
