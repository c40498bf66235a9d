// Why this file exists: credit's periodic accounting (Xen's csched_acct), run from the policy timer once per
// time slice: the pool's CPU time for the next slice is split between active domains by weight, no domain
// getting more than its active vCPUs can use or its cap allows (the excess goes to the others), then divided
// among the domain's active vCPUs. Priorities follow the sign of the credit; capped vCPUs in debt are parked.
// O(domains + vCPUs) once per slice, off the per-decision path, as in Xen.
namespace Xen.Sched.Policies.Credit;

internal sealed partial class CreditScheduler
{
    public override long NextTimer => _nextAccounting;

    public override void OnTimer(long now)
    {
        if (now < _nextAccounting)
        {
            return;
        }

        long period = _options.CreditTimeslice;
        while (_nextAccounting <= now)
        {
            _nextAccounting += period;
        }

        long weightLeft = CountActive();
        if (weightLeft > 0)
        {
            DistributeCredit(period, weightLeft);
        }

        for (int s = 0; s < VcpuSlotCount; s++)
        {
            if (VcpuAt(s) != null)
            {
                _ranThisPeriod[s] = false;
            }
        }

        for (int c = PoolCpus.First(); c >= 0; c = PoolCpus.Next(c))
        {
            if (Current[c] == null)
            {
                int h = Head(c);
                if (h >= 0 || HasQueuedWork())
                {
                    Tickle(c);
                }
            }
        }
    }

    private bool HasQueuedWork()
    {
        for (int c = PoolCpus.First(); c >= 0; c = PoolCpus.Next(c))
        {
            if (Head(c) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Counts each domain's active vCPUs (awake, or ran in the last slice); returns the total active weight.</summary>
    private long CountActive()
    {
        long weight = 0;
        for (int d = 0; d < DomainSlotCount; d++)
        {
            _domActive[d] = 0;
            _domShare[d] = -1;
            SchedDomain? dom = DomainAt(d);
            if (dom == null)
            {
                continue;
            }

            for (int i = 0; i < dom.VcpuCount; i++)
            {
                SchedVcpu v = dom.Vcpu(i);
                int s = v.PolicySlot;
                if (s >= 0 && (v.State == VcpuRunState.Runnable || v.State == VcpuRunState.Running || _ranThisPeriod[s]))
                {
                    _domActive[d]++;
                }
            }

            if (_domActive[d] > 0)
            {
                weight += _domWeight[d];
            }
        }

        return weight;
    }

    private long Limit(int d, long period)
    {
        long peak = _domActive[d] * period;
        if (_domCap[d] > 0)
        {
            long cap = _domCap[d] * period / 100;
            peak = cap < peak ? cap : peak;
        }

        return peak;
    }

    private void DistributeCredit(long period, long weightLeft)
    {
        long creditLeft = PoolCpus.Count() * period;

        // Water-filling: domains whose fair share exceeds what they can use get their limit; repeat on the rest.
        bool changed = true;
        while (changed && weightLeft > 0)
        {
            changed = false;
            long poolCredit = creditLeft;
            long poolWeight = weightLeft;
            for (int d = 0; d < DomainSlotCount; d++)
            {
                if (_domActive[d] == 0 || _domShare[d] >= 0)
                {
                    continue;
                }

                long fair = poolCredit * _domWeight[d] / poolWeight;
                long limit = Limit(d, period);
                if (fair >= limit)
                {
                    _domShare[d] = limit;
                    creditLeft -= limit;
                    weightLeft -= _domWeight[d];
                    changed = true;
                }
            }
        }

        for (int d = 0; d < DomainSlotCount; d++)
        {
            if (_domActive[d] == 0)
            {
                continue;
            }

            if (_domShare[d] < 0)
            {
                _domShare[d] = weightLeft > 0 ? creditLeft * _domWeight[d] / weightLeft : 0;
            }

            GiveCredit(d, _domShare[d] / _domActive[d], period);
        }
    }

    private void GiveCredit(int d, long perVcpu, long period)
    {
        SchedDomain dom = DomainAt(d)!;
        for (int i = 0; i < dom.VcpuCount; i++)
        {
            SchedVcpu v = dom.Vcpu(i);
            int s = v.PolicySlot;
            if (s < 0 || !(v.State == VcpuRunState.Runnable || v.State == VcpuRunState.Running || _ranThisPeriod[s]))
            {
                continue;
            }

            long c = _credit[s] + perVcpu;
            c = c > period ? period : c;
            c = c < -period ? -period : c;
            _credit[s] = c;
            int prio = _prio[s];
            if (c < 0)
            {
                prio = CreditConstants.PrioOver;
            }
            else if (prio == CreditConstants.PrioOver)
            {
                prio = CreditConstants.PrioUnder;
            }

            bool queued = _runq.ListOf(s) >= 0;
            if (prio != _prio[s])
            {
                _prio[s] = prio;
                if (queued)
                {
                    QueueOn(s, v.Processor);
                }
            }

            bool mustPark = _domCap[d] > 0 && c <= 0;
            if (mustPark && !_parked[s])
            {
                _parked[s] = true;
                _runq.Remove(s);
                if (v.State == VcpuRunState.Running)
                {
                    Tickle(v.Processor);
                }
            }
            else if (!mustPark && _parked[s])
            {
                _parked[s] = false;
                if (v.State == VcpuRunState.Runnable)
                {
                    PlaceAndTickle(s, v);
                }
            }
        }
    }
}
