// Why this file exists: the ARINC 653 policy (Xen's sched=arinc653, xen/common/sched/arinc653.c): a fixed
// cyclic schedule — a major frame divided into minor frames, each giving one vCPU exclusive use of the CPU —
// for time-partitioned avionics-style systems. Like Xen's, it runs one CPU of its cpupool (the first); other
// CPUs of the pool stay idle. A blocked vCPU's minor frame idles rather than being given away (temporal
// isolation). Until a schedule is set, every inserted vCPU gets a DEFAULT_TIMESLICE (10 ms) frame in order.
//
// Locking (bare-metal): one lock for the schedule table.
using Xen.Sched.Topology;

namespace Xen.Sched.Policies.Arinc653;

/// <summary>The ARINC653 scheduler.</summary>
internal sealed class Arinc653Scheduler : PolicyBase, IArinc653Scheduler
{
    /// <summary>DEFAULT_TIMESLICE of arinc653.c: 10 ms.</summary>
    private const long DefaultTimeslice = 10 * SchedTime.Millisecond;

    private readonly Arinc653Entry[] _entries = new Arinc653Entry[IArinc653Scheduler.MaxEntries];
    private readonly int[] _entrySlot = new int[IArinc653Scheduler.MaxEntries];
    private readonly int _cpu;
    private int _count;
    private long _major;
    private bool _explicit;
    private bool _restart = true;
    private long _frameStart;
    private int _index;
    private long _nextSwitch;

    /// <summary>Creates ARINC653 for the CPUs of <paramref name="poolCpus"/>; it schedules the first one.</summary>
    public Arinc653Scheduler(CpuTopology topology, CpuMask poolCpus)
        : base(topology, poolCpus)
    {
        _cpu = PoolCpus.First();
    }

    public override SchedulerKind Kind => SchedulerKind.Arinc653;

    public override long NextTimer => SchedTime.Never;

    public long MajorFrame => _major;

    public SchedError SetSchedule(long majorFrame, Arinc653Entry[] entries, int count)
    {
        if (count < 1 || count > IArinc653Scheduler.MaxEntries || count > entries.Length || majorFrame <= 0)
        {
            return SchedError.InvalidArgument;
        }

        long total = 0;
        for (int i = 0; i < count; i++)
        {
            if (entries[i].Runtime <= 0)
            {
                return SchedError.InvalidArgument;
            }

            total += entries[i].Runtime;
        }

        // Xen: the minor frames must fit in the major frame.
        if (total > majorFrame)
        {
            return SchedError.InvalidArgument;
        }

        for (int i = 0; i < count; i++)
        {
            _entries[i] = entries[i];
        }

        _count = count;
        _major = majorFrame;
        _explicit = true;
        _restart = true;
        Resolve();
        Tickle(_cpu);
        return SchedError.None;
    }

    /// <summary>Maps each entry to the slot of the vCPU it names (-1 if not inserted). Off the decision path.</summary>
    private void Resolve()
    {
        for (int i = 0; i < _count; i++)
        {
            _entrySlot[i] = -1;
            for (int s = 0; s < VcpuSlotCount; s++)
            {
                SchedVcpu? v = VcpuAt(s);
                if (v != null && v.Domain.DomainId == _entries[i].DomainId && v.VcpuId == _entries[i].VcpuId)
                {
                    _entrySlot[i] = s;
                    break;
                }
            }
        }
    }

    protected override void GrowDomainData(int slots)
    {
    }

    protected override void GrowVcpuData(int slots)
    {
    }

    protected override void InitDomain(int slot, SchedDomain domain)
    {
    }

    protected override SchedError InitVcpu(int slot, SchedVcpu vcpu, long now)
    {
        if (!_explicit && _count < IArinc653Scheduler.MaxEntries)
        {
            _entries[_count] = new Arinc653Entry(vcpu.Domain.DomainId, vcpu.VcpuId, DefaultTimeslice);
            _count++;
            _major += DefaultTimeslice;
        }

        Resolve();
        return SchedError.None;
    }

    protected override void ReleaseVcpu(int slot, SchedVcpu vcpu, long now)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_entrySlot[i] == slot)
            {
                _entrySlot[i] = -1;
            }
        }
    }

    public override ScheduleDecision DoSchedule(int cpu, long now)
    {
        SchedVcpu? prev = Current[cpu];
        if (prev != null && prev.State == VcpuRunState.Running)
        {
            prev.State = VcpuRunState.Runnable;
        }

        LastStart[cpu] = now;
        Current[cpu] = null;
        if (cpu != _cpu || _count == 0)
        {
            return new ScheduleDecision(null, SchedTime.Never);
        }

        if (_restart || now - _frameStart >= _major)
        {
            // New major frame: restart on time, or re-align after a gap (Xen re-bases next_major_frame likewise).
            _frameStart = _restart ? now : _frameStart + ((now - _frameStart) / _major * _major);
            _restart = false;
            _index = 0;
            _nextSwitch = _frameStart + _entries[0].Runtime;
        }

        while (_index < _count && now >= _nextSwitch)
        {
            _index++;
            if (_index < _count)
            {
                _nextSwitch += _entries[_index].Runtime;
            }
        }

        long frameEnd = _frameStart + _major;
        if (_index >= _count)
        {
            return new ScheduleDecision(null, frameEnd - now); // idle tail of the major frame
        }

        int slot = _entrySlot[_index];
        long slice = _nextSwitch - now;
        SchedVcpu? v = slot >= 0 ? VcpuAt(slot) : null;
        if (v == null || v.State != VcpuRunState.Runnable || !Allowed(v, cpu))
        {
            return new ScheduleDecision(null, slice);
        }

        Current[cpu] = v;
        v.State = VcpuRunState.Running;
        v.Processor = cpu;
        return new ScheduleDecision(v, slice);
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
        vcpu.Processor = _cpu;
        if (_index < _count && _entrySlot[_index] == vcpu.PolicySlot)
        {
            Tickle(_cpu);
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
        // The minor frame belongs to this vCPU whether it yields or not.
    }

    public override int PickCpu(SchedVcpu vcpu, long now) => _cpu;

    protected override SchedError MoveTo(SchedVcpu vcpu, int cpu, long now)
    {
        // Only the pool's first CPU runs ARINC653 frames.
        if (cpu != _cpu)
        {
            return SchedError.InvalidArgument;
        }

        vcpu.Processor = _cpu;
        return SchedError.None;
    }

    protected override void AffinityChanged(SchedVcpu vcpu, long now)
    {
        if (vcpu.State == VcpuRunState.Running && !Allowed(vcpu, vcpu.Processor))
        {
            Tickle(vcpu.Processor);
        }
    }

    public override SchedError GetDomainParams(SchedDomain domain, out SchedParams parameters)
    {
        parameters = SchedParams.Default;
        return Owns(domain) ? SchedError.None : SchedError.NotFound;
    }

    public override SchedError SetDomainParams(SchedDomain domain, in SchedParams parameters) =>
        Owns(domain) ? SchedError.InvalidArgument : SchedError.NotFound; // use SetSchedule

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
        writer.Text("arinc653 major_frame=");
        writer.Number(_major);
        writer.Text(" entries=");
        writer.Number(_count);
        writer.EndLine();
        for (int i = 0; i < _count; i++)
        {
            writer.Text("  d");
            writer.Number(_entries[i].DomainId);
            writer.Text("v");
            writer.Number(_entries[i].VcpuId);
            writer.Text(" runtime=");
            writer.Number(_entries[i].Runtime);
            writer.EndLine();
        }
    }
}
