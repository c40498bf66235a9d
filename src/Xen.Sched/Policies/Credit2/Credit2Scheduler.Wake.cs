// Why this file exists: credit2's wake-up side — choosing a runqueue and CPU for a waking vCPU
// (csched2_cpu_pick: least-loaded runqueue inside the hard affinity, soft affinity as tie-break), queueing it
// and tickling an idle CPU or the CPU running the vCPU with least credit (runq_tickle); plus sleep, yield,
// migrate and affinity changes.
namespace Xen.Sched.Policies.Credit2;

internal sealed partial class Credit2Scheduler
{
    public override void Wake(SchedVcpu vcpu, long now)
    {
        if (!Owns(vcpu) || vcpu.State == VcpuRunState.Running || vcpu.State == VcpuRunState.Runnable)
        {
            return;
        }

        int slot = vcpu.PolicySlot;
        Credit2Runqueue r = _runqueues[_rq[slot]];
        r.UpdateLoad(now, _options.Credit2LoadWindowShift);
        r.Active++;
        if (ResumeIfStillCurrent(vcpu))
        {
            return;
        }

        vcpu.State = VcpuRunState.Runnable;
        PlaceAndQueue(vcpu, now);
    }

    public override void Sleep(SchedVcpu vcpu, long now)
    {
        if (!Owns(vcpu) || vcpu.State == VcpuRunState.Blocked || vcpu.State == VcpuRunState.Offline)
        {
            return;
        }

        int slot = vcpu.PolicySlot;
        Credit2Runqueue r = _runqueues[_rq[slot]];
        r.UpdateLoad(now, _options.Credit2LoadWindowShift);
        r.Active--;
        bool running = vcpu.State == VcpuRunState.Running;
        vcpu.State = VcpuRunState.Blocked;
        _parked[slot] = false;
        if (running)
        {
            Tickle(vcpu.Processor);
        }
        else
        {
            r.Queue.Remove(slot);
            ReturnBudget(slot);
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
        int slot = vcpu.PolicySlot;
        int cur = Owns(vcpu) ? _rq[slot] : -1;
        int best = -1;
        int bestLoad = int.MaxValue;
        bool bestSoft = false;
        int curLoad = int.MaxValue;
        for (int i = 0; i < _runqueues.Length; i++)
        {
            Credit2Runqueue r = _runqueues[i];
            if (!r.Cpus.Intersects(vcpu.HardAffinity))
            {
                continue;
            }

            int load = r.Active;
            if (i == cur && vcpu.State != VcpuRunState.Blocked)
            {
                load--;
            }

            if (i == cur)
            {
                curLoad = load;
            }

            bool soft = r.Cpus.Intersects(vcpu.SoftAffinity);
            if (load < bestLoad || (load == bestLoad && soft && !bestSoft))
            {
                best = i;
                bestLoad = load;
                bestSoft = soft;
            }
        }

        // Migration resistance: stay on the current runqueue unless another one is strictly less loaded.
        if (cur >= 0 && curLoad <= bestLoad)
        {
            best = cur;
        }

        if (best < 0)
        {
            return FirstAllowed(vcpu, vcpu.Processor);
        }

        return PickCpuIn(_runqueues[best], vcpu);
    }

    /// <summary>Best CPU of a runqueue for a vCPU: idle and soft-affine, idle, its last CPU, soft-affine, any allowed.</summary>
    private int PickCpuIn(Credit2Runqueue r, SchedVcpu vcpu)
    {
        int idle = -1;
        int soft = -1;
        int any = -1;
        for (int c = r.Cpus.First(); c >= 0; c = r.Cpus.Next(c))
        {
            if (!vcpu.HardAffinity.Test(c))
            {
                continue;
            }

            bool isIdle = Current[c] == null && !_tickled.Test(c);
            bool isSoft = vcpu.SoftAffinity.Test(c);
            if (isIdle && isSoft)
            {
                return c;
            }

            if (isIdle && idle < 0)
            {
                idle = c;
            }

            if (isSoft && soft < 0)
            {
                soft = c;
            }

            if (any < 0)
            {
                any = c;
            }
        }

        if (idle >= 0)
        {
            return idle;
        }

        if (r.Cpus.Test(vcpu.Processor) && vcpu.HardAffinity.Test(vcpu.Processor))
        {
            return vcpu.Processor;
        }

        return soft >= 0 ? soft : any;
    }

    /// <summary>Moves a runnable, not running vCPU to the runqueue PickCpu chooses, queues it and tickles.</summary>
    private void PlaceAndQueue(SchedVcpu vcpu, long now)
    {
        int slot = vcpu.PolicySlot;
        int cpu = PickCpu(vcpu, now);
        AssignRunqueue(slot, _runqueueOfCpu[cpu], now, true);
        vcpu.Processor = cpu;
        if (_parked[slot])
        {
            return;
        }

        if (NeedsPark(slot))
        {
            Park(slot);
            return;
        }

        Enqueue(slot);
        TickleFor(slot, vcpu);
    }

    /// <summary>Changes a vCPU's runqueue, carrying its effective credit and (if active) its load.</summary>
    private void AssignRunqueue(int slot, int rqi, long now, bool active)
    {
        int old = _rq[slot];
        if (old == rqi)
        {
            return;
        }

        Normalize(slot);
        _runqueues[old].Queue.Remove(slot);
        if (active)
        {
            _runqueues[old].UpdateLoad(now, _options.Credit2LoadWindowShift);
            _runqueues[old].Active--;
            _runqueues[rqi].UpdateLoad(now, _options.Credit2LoadWindowShift);
            _runqueues[rqi].Active++;
        }

        _rq[slot] = rqi;
        _creditEpoch[slot] = _runqueues[rqi].Epoch;
    }

    /// <summary>Xen's runq_tickle: an idle allowed CPU, else the allowed CPU whose current vCPU has least credit if we beat it.</summary>
    private void TickleFor(int slot, SchedVcpu vcpu)
    {
        Credit2Runqueue r = _runqueues[_rq[slot]];
        int idle = -1;
        int victim = -1;
        long victimCredit = long.MaxValue;
        for (int c = r.Cpus.First(); c >= 0; c = r.Cpus.Next(c))
        {
            if (!vcpu.HardAffinity.Test(c) || _tickled.Test(c))
            {
                continue;
            }

            SchedVcpu? cur = Current[c];
            if (cur == null)
            {
                if (idle < 0 || (vcpu.SoftAffinity.Test(c) && !vcpu.SoftAffinity.Test(idle)))
                {
                    idle = c;
                }

                continue;
            }

            long credit = EffectiveCredit(cur.PolicySlot);
            if (credit < victimCredit)
            {
                victimCredit = credit;
                victim = c;
            }
        }

        int target = idle >= 0 ? idle : -1;
        if (target < 0 && victim >= 0 && EffectiveCredit(slot) > victimCredit)
        {
            target = victim;
        }

        if (target >= 0)
        {
            _tickled.Set(target);
            Tickle(target);
        }
    }

    protected override SchedError MoveTo(SchedVcpu vcpu, int cpu, long now)
    {
        int slot = vcpu.PolicySlot;
        bool runnable = vcpu.State == VcpuRunState.Runnable;
        AssignRunqueue(slot, _runqueueOfCpu[cpu], now, runnable);
        vcpu.Processor = cpu;
        if (runnable && !_parked[slot])
        {
            Enqueue(slot);
            TickleFor(slot, vcpu);
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

            return;
        }

        if (vcpu.State == VcpuRunState.Runnable && !_parked[slot])
        {
            _runqueues[_rq[slot]].Queue.Remove(slot);
            PlaceAndQueue(vcpu, now);
        }
        else if (!Allowed(vcpu, vcpu.Processor))
        {
            int cpu = FirstAllowed(vcpu, vcpu.Processor);
            AssignRunqueue(slot, _runqueueOfCpu[cpu], now, vcpu.State == VcpuRunState.Runnable);
            vcpu.Processor = cpu;
        }
    }
}
