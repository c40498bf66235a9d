// Why this file exists: RTDS's decision path — budget burn, EDF pick across the run and extra queues,
// event-driven replenishment (rt_update_deadline on the period grid) and tickling the CPU running the
// lowest-priority vCPU when a higher-priority one becomes runnable (runq_tickle).
namespace Xen.Sched.Policies.Rtds;

internal sealed partial class RtdsScheduler
{
    public override long NextTimer => _replq.Count > 0 ? -_replq.KeyOf(_replq.Top) : SchedTime.Never;

    public override void OnTimer(long now) => ReplenishDue(now);

    /// <summary>Xen's rt_update_deadline: move the deadline forward on the period grid past now and refill the budget.</summary>
    private void UpdateDeadline(int slot, long now)
    {
        if (now >= _deadline[slot])
        {
            long periods = ((now - _deadline[slot]) / _period[slot]) + 1;
            _deadline[slot] += periods * _period[slot];
        }

        _curBudget[slot] = _budget[slot];
        _level[slot] = 0;
    }

    /// <summary>Replenishes every awake vCPU whose deadline has come (the repl_timer handler).</summary>
    private void ReplenishDue(long now)
    {
        while (_replq.Count > 0 && -_replq.KeyOf(_replq.Top) <= now)
        {
            int slot = _replq.Pop();
            UpdateDeadline(slot, now);
            _replq.Push(slot, -_deadline[slot]);
            SchedVcpu v = VcpuAt(slot)!;
            if (v.State == VcpuRunState.Running)
            {
                // Its priority changed (later deadline): let its CPU re-decide.
                Tickle(v.Processor);
            }
            else if (v.State == VcpuRunState.Runnable)
            {
                _extraq.Remove(slot);
                _runq.Push(slot, -_deadline[slot]);
                TickleFor(slot, v);
            }
        }
    }

    /// <summary>Queues a runnable vCPU by its budget: run queue, extra queue, or nowhere (depleted, waits for replenishment).</summary>
    private void Queue(int slot)
    {
        if (_curBudget[slot] > 0)
        {
            if (_level[slot] == 0)
            {
                _runq.Push(slot, -_deadline[slot]);
            }
            else
            {
                _extraq.Push(slot, -_deadline[slot]);
            }
        }
        else if (_extra[slot])
        {
            // Extratime: refill at the next priority level (Xen 4.10's priority_level).
            _level[slot]++;
            _curBudget[slot] = _budget[slot];
            _extraq.Push(slot, -_deadline[slot]);
        }
    }

    public override ScheduleDecision DoSchedule(int cpu, long now)
    {
        _tickled.Clear(cpu);
        SchedVcpu? prev = Current[cpu];
        if (prev != null)
        {
            int ps = prev.PolicySlot;
            long ran = now - LastStart[cpu];
            if (ran > 0)
            {
                _curBudget[ps] -= ran;
                if (_curBudget[ps] < 0)
                {
                    _curBudget[ps] = 0;
                }
            }

            // Its own period may have ended while it ran (the slice stops at the deadline): replenish it
            // here; every other vCPU is replenished by the timer (OnTimer), which the host runs first.
            if (prev.State == VcpuRunState.Running && now >= _deadline[ps])
            {
                UpdateDeadline(ps, now);
                _replq.Push(ps, -_deadline[ps]);
            }

            if (prev.State == VcpuRunState.Running)
            {
                prev.State = VcpuRunState.Runnable;
                Queue(ps);
            }
        }

        int next = PopAllowed(_runq, cpu);
        if (next < 0)
        {
            next = PopAllowed(_extraq, cpu);
        }

        LastStart[cpu] = now;
        if (next < 0)
        {
            Current[cpu] = null;
            return new ScheduleDecision(null, SchedTime.Never);
        }

        SchedVcpu v = VcpuAt(next)!;
        Current[cpu] = v;
        v.State = VcpuRunState.Running;
        v.Processor = cpu;
        long slice = _curBudget[next];
        long toDeadline = _deadline[next] - now;
        if (toDeadline > 0 && toDeadline < slice)
        {
            slice = toDeadline;
        }

        return new ScheduleDecision(v, slice);
    }

    /// <summary>True when vCPU a has strictly higher priority than b: lower level, then earlier deadline.</summary>
    private bool Higher(int a, int b) =>
        _level[a] < _level[b] || (_level[a] == _level[b] && _deadline[a] < _deadline[b]);

    private void TickleFor(int slot, SchedVcpu vcpu)
    {
        int idle = -1;
        int victim = -1;
        for (int c = PoolCpus.First(); c >= 0; c = PoolCpus.Next(c))
        {
            if (!vcpu.HardAffinity.Test(c) || _tickled.Test(c))
            {
                continue;
            }

            SchedVcpu? cur = Current[c];
            if (cur == null)
            {
                if (idle < 0 || c == vcpu.Processor || (vcpu.SoftAffinity.Test(c) && !vcpu.SoftAffinity.Test(idle)))
                {
                    idle = c;
                }

                continue;
            }

            if (victim < 0 || Higher(Current[victim]!.PolicySlot, cur.PolicySlot))
            {
                victim = c;
            }
        }

        int target = idle;
        if (target < 0 && victim >= 0 && Higher(slot, Current[victim]!.PolicySlot))
        {
            target = victim;
        }

        if (target >= 0)
        {
            _tickled.Set(target);
            Tickle(target);
        }
    }

    public override void Wake(SchedVcpu vcpu, long now)
    {
        if (!Owns(vcpu) || vcpu.State == VcpuRunState.Running || vcpu.State == VcpuRunState.Runnable)
        {
            return;
        }

        int slot = vcpu.PolicySlot;
        vcpu.State = VcpuRunState.Runnable;
        if (now >= _deadline[slot])
        {
            UpdateDeadline(slot, now);
        }

        _replq.Push(slot, -_deadline[slot]);
        if (ResumeIfStillCurrent(vcpu))
        {
            return;
        }

        vcpu.Processor = PickCpu(vcpu, now);
        Queue(slot);
        if (_runq.Contains(slot) || _extraq.Contains(slot))
        {
            TickleFor(slot, vcpu);
        }
    }

    public override void Sleep(SchedVcpu vcpu, long now)
    {
        if (!Owns(vcpu) || vcpu.State == VcpuRunState.Blocked || vcpu.State == VcpuRunState.Offline)
        {
            return;
        }

        int slot = vcpu.PolicySlot;
        bool running = vcpu.State == VcpuRunState.Running;
        vcpu.State = VcpuRunState.Blocked;
        _runq.Remove(slot);
        _extraq.Remove(slot);
        _replq.Remove(slot);
        if (running)
        {
            Tickle(vcpu.Processor);
        }
    }

    public override void Yield(SchedVcpu vcpu, long now)
    {
        // RTDS has no yield semantics in Xen; a yielding vCPU is simply re-evaluated.
        if (Owns(vcpu) && vcpu.State == VcpuRunState.Running)
        {
            Tickle(vcpu.Processor);
        }
    }

    public override int PickCpu(SchedVcpu vcpu, long now)
    {
        int idle = PickIdleCpu(vcpu, _tickled);
        return idle >= 0 ? idle : FirstAllowed(vcpu, vcpu.Processor);
    }

    protected override SchedError MoveTo(SchedVcpu vcpu, int cpu, long now)
    {
        // One global queue: migration only changes where the vCPU is accounted.
        vcpu.Processor = cpu;
        return SchedError.None;
    }

    protected override void AffinityChanged(SchedVcpu vcpu, long now)
    {
        int slot = vcpu.PolicySlot;
        if (vcpu.State == VcpuRunState.Running && !Allowed(vcpu, vcpu.Processor))
        {
            Tickle(vcpu.Processor);
        }
        else if (vcpu.State == VcpuRunState.Runnable && (_runq.Contains(slot) || _extraq.Contains(slot)))
        {
            TickleFor(slot, vcpu);
        }

        if (vcpu.State != VcpuRunState.Running)
        {
            vcpu.Processor = FirstAllowed(vcpu, vcpu.Processor);
        }
    }
}
