// Why this file exists: credit2's decision path — burning credit for the time run, choosing the next vCPU of
// the runqueue (with migration resistance and ratelimit), lazy credit reset and the slice length.
// Everything here is O(log n) in the runqueue length and allocation-free.
namespace Xen.Sched.Policies.Credit2;

internal sealed partial class Credit2Scheduler
{
    private const long CreditCeiling = Credit2Constants.CreditInit + Credit2Constants.CarryoverMax;

    /// <summary>Credit of a vCPU after the resets its runqueue performed since it was last touched.</summary>
    private long EffectiveCredit(int slot)
    {
        long resets = _runqueues[_rq[slot]].Epoch - _creditEpoch[slot];
        if (resets <= 0)
        {
            return _credit[slot];
        }

        long c = _credit[slot] + (resets * Credit2Constants.CreditInit);
        return c < CreditCeiling ? c : CreditCeiling;
    }

    /// <summary>Folds pending resets into the stored credit.</summary>
    private void Normalize(int slot)
    {
        _credit[slot] = EffectiveCredit(slot);
        _creditEpoch[slot] = _runqueues[_rq[slot]].Epoch;
    }

    private void Enqueue(int slot)
    {
        Normalize(slot);
        Credit2Runqueue r = _runqueues[_rq[slot]];
        r.Queue.Push(slot, _credit[slot] - (r.Epoch * Credit2Constants.CreditInit));
    }

    /// <summary>Xen's burn_credits: credit drops by run time scaled by max_weight / weight.</summary>
    private void Burn(int slot, long ran)
    {
        if (ran <= 0)
        {
            return;
        }

        Normalize(slot);
        _credit[slot] -= ran * _maxWeight / _weight[slot];
        ConsumeBudget(slot, ran);
    }

    public override ScheduleDecision DoSchedule(int cpu, long now)
    {
        _tickled.Clear(cpu);
        int rqi = _runqueueOfCpu[cpu];
        if (rqi < 0)
        {
            return new ScheduleDecision(null, SchedTime.Never);
        }

        Credit2Runqueue r = _runqueues[rqi];
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
                if (!_parked[ps] && _rq[ps] == rqi && Allowed(prev, cpu) && !NeedsPark(ps))
                {
                    prevCanRun = true;
                }
                else if (!_parked[ps] && NeedsPark(ps))
                {
                    Park(ps);
                }
                else if (!_parked[ps])
                {
                    // Affinity changed under it: requeue where it may run.
                    PlaceAndQueue(prev, now);
                }
            }
        }

        r.UpdateLoad(now, _options.Credit2LoadWindowShift);
        if (now >= r.NextBalance)
        {
            r.NextBalance = now + Credit2Constants.BalanceInterval;
            Balance(rqi, now);
        }

        // Ratelimit (sched_ratelimit_us): a vCPU that has run for less than the limit keeps the CPU.
        if (prevCanRun && !_yielded[ps] && _options.Ratelimit > 0 && now - _runStart[cpu] < _options.Ratelimit)
        {
            return Run(cpu, prev!, ps, now, _options.Ratelimit - (now - _runStart[cpu]), r);
        }

        int chosen = -1;
        while (true)
        {
            int cand = PopEligible(r, cpu);
            if (prevCanRun)
            {
                bool takeCandidate = false;
                if (cand >= 0)
                {
                    long resist = _lastCpu[cand] != cpu ? _options.Credit2MigrateResist : 0;
                    takeCandidate = _yielded[ps] || EffectiveCredit(cand) > EffectiveCredit(ps) + resist;
                }

                if (takeCandidate)
                {
                    Enqueue(ps);
                    prevCanRun = false;
                    chosen = cand;
                }
                else
                {
                    if (cand >= 0)
                    {
                        Enqueue(cand);
                    }

                    chosen = ps;
                }
            }
            else
            {
                chosen = cand;
            }

            if (chosen < 0 || GrabBudget(chosen))
            {
                break;
            }

            // Its domain's cap budget is exhausted: park it until replenishment and look again.
            Park(chosen);
            if (chosen == ps)
            {
                prevCanRun = false;
            }
        }

        if (ps >= 0)
        {
            _yielded[ps] = false;
            if (chosen != ps)
            {
                ReturnBudget(ps);
            }
        }

        if (chosen < 0)
        {
            Current[cpu] = null;
            LastStart[cpu] = now;
            return new ScheduleDecision(null, SchedTime.Never);
        }

        // Lazy reset_credit: when the best candidate has no credit left, everyone on the runqueue gets CREDIT_INIT more.
        long credit = EffectiveCredit(chosen);
        if (credit <= 0)
        {
            r.Epoch += 1 + (-credit / Credit2Constants.CreditInit);
            Normalize(chosen);
        }

        return Run(cpu, VcpuAt(chosen)!, chosen, now, SliceFor(chosen, r), r);
    }

    private ScheduleDecision Run(int cpu, SchedVcpu next, int slot, long now, long slice, Credit2Runqueue r)
    {
        if (Current[cpu] != next)
        {
            _runStart[cpu] = now;
        }

        Current[cpu] = next;
        LastStart[cpu] = now;
        next.State = VcpuRunState.Running;
        next.Processor = cpu;
        _lastCpu[slot] = cpu;
        if (_domCap[next.Domain.PolicySlot] > 0 && _vcpuBudget[slot] < slice)
        {
            slice = _vcpuBudget[slot];
        }

        return new ScheduleDecision(next, slice);
    }

    /// <summary>Xen's csched2_runtime: run until the credit lead over the next queued vCPU is gone, within [MIN_TIMER, MAX_TIMER].</summary>
    private long SliceFor(int slot, Credit2Runqueue r)
    {
        long slice = Credit2Constants.MaxTimer;
        int next = r.Queue.Top;
        if (next >= 0)
        {
            long lead = EffectiveCredit(slot) - EffectiveCredit(next);
            long t = lead > 0 ? lead * _weight[slot] / _maxWeight : 0;
            slice = t < slice ? t : slice;
        }

        return slice < Credit2Constants.MinTimer ? Credit2Constants.MinTimer : slice;
    }

    /// <summary>Pops the best queued vCPU allowed on <paramref name="cpu"/>; skipped ones are pushed back.</summary>
    private int PopEligible(Credit2Runqueue r, int cpu)
    {
        int skipped = 0;
        int found = -1;
        while (r.Queue.Count > 0)
        {
            int s = r.Queue.Top;
            if (Allowed(VcpuAt(s)!, cpu))
            {
                r.Queue.Pop();
                found = s;
                break;
            }

            _scratch[skipped++] = s;
            r.Queue.Pop();
        }

        for (int i = 0; i < skipped; i++)
        {
            int s = _scratch[i];
            r.Queue.Push(s, r.Queue.KeyOf(s));
        }

        return found;
    }
}
