// Why this file exists: credit's decision path — burning credit, per-CPU round-robin within priority class,
// ratelimit, stealing BOOST/UNDER work from peer CPUs when the local best is OVER or nothing (Xen's
// csched_load_balance), and wake-up boost with tickling.
using Xen.Sched.Topology;

namespace Xen.Sched.Policies.Credit;

internal sealed partial class CreditScheduler
{
    private const int StealScanLimit = 8;
    private bool[] _yielded = new bool[0];
    private CpuMask? _tickled;

    private CpuMask Tickled => _tickled ??= new CpuMask(Topology.CpuCount);

    private int ListOf(int cpu, int prio) => (cpu * CreditConstants.Priorities) + prio;

    private void QueueOn(int slot, int cpu)
    {
        VcpuAt(slot)!.Processor = cpu;
        _runq.AddTail(ListOf(cpu, _prio[slot]), slot);
    }

    private int Head(int cpu)
    {
        for (int p = 0; p < CreditConstants.Priorities; p++)
        {
            int s = _runq.First(ListOf(cpu, p));
            if (s >= 0)
            {
                return s;
            }
        }

        return -1;
    }

    private int CurrentPrio(int cpu)
    {
        SchedVcpu? cur = Current[cpu];
        return cur == null ? CreditConstants.Priorities : _prio[cur.PolicySlot];
    }

    private void Burn(int slot, long ran)
    {
        if (ran <= 0)
        {
            return;
        }

        _credit[slot] -= ran;
        _ranThisPeriod[slot] = true;
        if (_prio[slot] == CreditConstants.PrioBoost)
        {
            _prio[slot] = CreditConstants.PrioUnder;
        }

        if (_credit[slot] < 0 && _prio[slot] == CreditConstants.PrioUnder)
        {
            _prio[slot] = CreditConstants.PrioOver;
        }

        if (_credit[slot] <= 0 && _domCap[VcpuAt(slot)!.Domain.PolicySlot] > 0)
        {
            _parked[slot] = true; // a capped vCPU runs only on credit it was given
        }
    }

    public override ScheduleDecision DoSchedule(int cpu, long now)
    {
        Tickled.Clear(cpu);
        SchedVcpu? prev = Current[cpu];
        int ps = -1;
        bool prevCanRun = false;
        if (prev != null)
        {
            ps = prev.PolicySlot;
            Burn(ps, now - LastStart[cpu]);
            if (prev.State == VcpuRunState.Running)
            {
                prev.State = VcpuRunState.Runnable;
                if (!_parked[ps])
                {
                    if (Allowed(prev, cpu))
                    {
                        QueueOn(ps, cpu);
                        prevCanRun = true;
                    }
                    else
                    {
                        PlaceAndTickle(ps, prev);
                    }
                }
            }
        }

        int next;
        long limitLeft = 0;
        if (prevCanRun && !_yielded[ps] && _options.Ratelimit > 0 && now - _runStart[cpu] < _options.Ratelimit)
        {
            // sched_ratelimit_us: keep the CPU, but only until the ratelimit has elapsed.
            next = ps;
            limitLeft = _options.Ratelimit - (now - _runStart[cpu]);
        }
        else
        {
            next = Head(cpu);
            if (next < 0 || _prio[next] == CreditConstants.PrioOver)
            {
                int stolen = Steal(cpu, next < 0 ? CreditConstants.Priorities : CreditConstants.PrioOver);
                next = stolen >= 0 ? stolen : next;
            }
        }

        if (ps >= 0)
        {
            _yielded[ps] = false;
        }

        LastStart[cpu] = now;
        if (next < 0)
        {
            Current[cpu] = null;
            return new ScheduleDecision(null, SchedTime.Never);
        }

        _runq.Remove(next);
        SchedVcpu v = VcpuAt(next)!;
        if (Current[cpu] != v)
        {
            _runStart[cpu] = now;
        }

        Current[cpu] = v;
        v.State = VcpuRunState.Running;
        v.Processor = cpu;
        long slice = limitLeft > 0 ? limitLeft : SliceFor(next);
        if (Head(cpu) >= 0)
        {
            TickleIdle(VcpuAt(Head(cpu))!, cpu);
        }

        return new ScheduleDecision(v, slice);
    }

    /// <summary>
    /// Slice length. Xen charges credit on a tick of tslice/3 (CSCHED_TICKS_PER_TSLICE) and preempts a vCPU that
    /// went OVER at the next tick, which lets low-weight vCPUs overdraw by up to a tick. We stop a vCPU with
    /// credit exactly when it is spent (never below the ratelimit), and give an OVER vCPU one tick; the slice
    /// never exceeds tslice.
    /// </summary>
    private long SliceFor(int slot)
    {
        long tslice = _options.CreditTimeslice;
        long credit = _credit[slot];
        if (credit <= 0)
        {
            return tslice / 3;
        }

        long min = _options.Ratelimit > 0 ? _options.Ratelimit : SchedTime.Millisecond;
        long slice = credit < min ? min : credit;
        return slice < tslice ? slice : tslice;
    }

    /// <summary>Takes a queued vCPU of priority better than <paramref name="below"/> from a peer CPU, if one is allowed here.</summary>
    private int Steal(int cpu, int below)
    {
        int n = Topology.CpuCount;
        for (int p = 0; p < below && p < CreditConstants.Priorities; p++)
        {
            for (int i = 1; i < n; i++)
            {
                int peer = (cpu + i) % n;
                if (!PoolCpus.Test(peer))
                {
                    continue;
                }

                int scanned = 0;
                for (int s = _runq.First(ListOf(peer, p)); s >= 0 && scanned < StealScanLimit; s = _runq.Next(s))
                {
                    scanned++;
                    if (Allowed(VcpuAt(s)!, cpu))
                    {
                        return s;
                    }
                }
            }
        }

        return -1;
    }

    private void TickleIdle(SchedVcpu vcpu, int except)
    {
        for (int c = PoolCpus.First(); c >= 0; c = PoolCpus.Next(c))
        {
            if (c != except && Current[c] == null && !Tickled.Test(c) && vcpu.HardAffinity.Test(c))
            {
                Tickled.Set(c);
                Tickle(c);
                return;
            }
        }
    }

    /// <summary>Queues a runnable vCPU on the CPU PickCpu chooses and tickles it if it should preempt (Xen's __runq_tickle).</summary>
    private void PlaceAndTickle(int slot, SchedVcpu vcpu)
    {
        int cpu = PickCpu(vcpu, 0);
        QueueOn(slot, cpu);
        if (_prio[slot] < CurrentPrio(cpu) && !Tickled.Test(cpu))
        {
            Tickled.Set(cpu);
            Tickle(cpu);
        }
        else
        {
            TickleIdle(vcpu, cpu);
        }
    }

    public override void Wake(SchedVcpu vcpu, long now)
    {
        if (!Owns(vcpu) || vcpu.State == VcpuRunState.Running || vcpu.State == VcpuRunState.Runnable)
        {
            return;
        }

        int slot = vcpu.PolicySlot;
        if (ResumeIfStillCurrent(vcpu))
        {
            return;
        }

        vcpu.State = VcpuRunState.Runnable;
        if (_domCap[vcpu.Domain.PolicySlot] > 0 && _credit[slot] <= 0)
        {
            _parked[slot] = true; // capped and no credit yet: wait for the next accounting
        }

        if (_parked[slot])
        {
            return;
        }

        // Boost: a vCPU waking with credit left jumps ahead of the CPU hogs (CSCHED_PRI_TS_BOOST).
        if (_prio[slot] == CreditConstants.PrioUnder)
        {
            _prio[slot] = CreditConstants.PrioBoost;
        }

        PlaceAndTickle(slot, vcpu);
    }

    public override void Sleep(SchedVcpu vcpu, long now)
    {
        if (!Owns(vcpu) || vcpu.State == VcpuRunState.Blocked || vcpu.State == VcpuRunState.Offline)
        {
            return;
        }

        bool running = vcpu.State == VcpuRunState.Running;
        vcpu.State = VcpuRunState.Blocked;
        _runq.Remove(vcpu.PolicySlot);
        if (running)
        {
            Tickle(vcpu.Processor);
        }
    }

    public override void Yield(SchedVcpu vcpu, long now)
    {
        if (Owns(vcpu) && vcpu.State == VcpuRunState.Running)
        {
            _yielded[vcpu.PolicySlot] = true;
            Tickle(vcpu.Processor);
        }
    }

    public override int PickCpu(SchedVcpu vcpu, long now)
    {
        int idle = PickIdleCpu(vcpu, Tickled);
        return idle >= 0 ? idle : FirstAllowed(vcpu, vcpu.Processor);
    }

    protected override SchedError MoveTo(SchedVcpu vcpu, int cpu, long now)
    {
        int slot = vcpu.PolicySlot;
        if (_runq.ListOf(slot) >= 0)
        {
            _runq.Remove(slot);
            QueueOn(slot, cpu);
            Tickle(cpu);
        }
        else
        {
            vcpu.Processor = cpu;
        }

        return SchedError.None;
    }

    protected override void AffinityChanged(SchedVcpu vcpu, long now)
    {
        int slot = vcpu.PolicySlot;
        if (vcpu.State == VcpuRunState.Running)
        {
            if (!Allowed(vcpu, vcpu.Processor))
            {
                Tickle(vcpu.Processor);
            }
        }
        else if (_runq.ListOf(slot) >= 0)
        {
            _runq.Remove(slot);
            PlaceAndTickle(slot, vcpu);
        }
        else
        {
            vcpu.Processor = FirstAllowed(vcpu, vcpu.Processor);
        }
    }
}
