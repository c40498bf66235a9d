// Why this file exists: credit2 caps (added to Xen in 4.10, asked for here): a capped domain gets
// cap% × CSCHED2_BDGT_REPL_PERIOD of CPU time per period. vCPUs grab budget from their domain before running
// and return what they did not use; a vCPU that finds none is parked until the replenishment timer.
namespace Xen.Sched.Policies.Credit2;

internal sealed partial class Credit2Scheduler
{
    public override long NextTimer => _cappedDomains > 0 ? _nextReplenish : SchedTime.Never;

    public override void OnTimer(long now)
    {
        if (_cappedDomains == 0 || now < _nextReplenish)
        {
            return;
        }

        while (_nextReplenish <= now)
        {
            _nextReplenish += Credit2Constants.CapPeriod;
        }

        for (int d = 0; d < DomainSlotCount; d++)
        {
            SchedDomain? dom = DomainAt(d);
            if (dom == null || _domCap[d] == 0)
            {
                continue;
            }

            _domBudget[d] = FullBudget(d);
            for (int i = 0; i < dom.VcpuCount; i++)
            {
                SchedVcpu v = dom.Vcpu(i);
                int s = v.PolicySlot;
                if (s < 0)
                {
                    continue;
                }

                if (v.State != VcpuRunState.Running)
                {
                    _vcpuBudget[s] = 0;
                }

                if (_parked[s])
                {
                    _parked[s] = false;
                    if (v.State == VcpuRunState.Runnable)
                    {
                        Enqueue(s);
                        TickleFor(s, v);
                    }
                }
            }
        }
    }

    private long FullBudget(int domainSlot) => _domCap[domainSlot] * Credit2Constants.CapPeriod / 100;

    private void SetCap(SchedDomain domain, int cap)
    {
        int d = domain.PolicySlot;
        int old = _domCap[d];
        if (old == cap)
        {
            return;
        }

        if (old == 0)
        {
            _cappedDomains++;
        }
        else if (cap == 0)
        {
            _cappedDomains--;
        }

        _domCap[d] = cap;
        _domBudget[d] = cap == 0 ? 0 : FullBudget(d);
        if (_cappedDomains > 0 && _nextReplenish == SchedTime.Never)
        {
            _nextReplenish = Credit2Constants.CapPeriod;
        }
        else if (_cappedDomains == 0)
        {
            _nextReplenish = SchedTime.Never;
        }

        for (int i = 0; i < domain.VcpuCount; i++)
        {
            SchedVcpu v = domain.Vcpu(i);
            int s = v.PolicySlot;
            if (s >= 0 && cap == 0 && _parked[s])
            {
                _parked[s] = false;
                if (v.State == VcpuRunState.Runnable)
                {
                    Enqueue(s);
                    TickleFor(s, v);
                }
            }
        }
    }

    private bool NeedsPark(int slot)
    {
        int d = VcpuAt(slot)!.Domain.PolicySlot;
        return _domCap[d] > 0 && _vcpuBudget[slot] <= 0 && _domBudget[d] <= 0;
    }

    /// <summary>Ensures the vCPU holds some budget; false when its capped domain has none left.</summary>
    private bool GrabBudget(int slot)
    {
        int d = VcpuAt(slot)!.Domain.PolicySlot;
        if (_domCap[d] == 0 || _vcpuBudget[slot] > 0)
        {
            return true;
        }

        long take = _domBudget[d] < Credit2Constants.MaxTimer ? _domBudget[d] : Credit2Constants.MaxTimer;
        if (take <= 0)
        {
            return false;
        }

        _domBudget[d] -= take;
        _vcpuBudget[slot] += take;
        return true;
    }

    private void ConsumeBudget(int slot, long ran)
    {
        if (_domCap[VcpuAt(slot)!.Domain.PolicySlot] > 0)
        {
            _vcpuBudget[slot] -= ran;
        }
    }

    private void ReturnBudget(int slot)
    {
        int d = VcpuAt(slot)!.Domain.PolicySlot;
        if (_domCap[d] > 0 && _vcpuBudget[slot] > 0)
        {
            _domBudget[d] += _vcpuBudget[slot];
            _vcpuBudget[slot] = 0;
        }
    }

    private void Park(int slot)
    {
        ReturnBudget(slot);
        _parked[slot] = true;
        _runqueues[_rq[slot]].Queue.Remove(slot);
    }
}
