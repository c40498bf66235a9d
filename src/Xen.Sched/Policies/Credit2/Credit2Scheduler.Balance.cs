// Why this file exists: credit2's load balancing between runqueues (Xen's balance_load): each runqueue keeps
// a decayed average of its active vCPUs; when a runqueue's average differs from the least/most loaded one by
// more than one vCPU (plus 1/8 tolerance), one queued vCPU allowed on the other side is moved. The scan is
// bounded (BalanceScanLimit) so balancing cost does not grow with the number of vCPUs.
namespace Xen.Sched.Policies.Credit2;

internal sealed partial class Credit2Scheduler
{
    private const long LoadUnit = 1L << Credit2Constants.LoadPrecisionShift;
    private const long BalanceThreshold = LoadUnit + (LoadUnit >> 3);

    private void Balance(int rqi, long now)
    {
        if (_runqueues.Length < 2)
        {
            return;
        }

        Credit2Runqueue self = _runqueues[rqi];
        Credit2Runqueue? min = null;
        Credit2Runqueue? max = null;
        for (int i = 0; i < _runqueues.Length; i++)
        {
            if (i == rqi)
            {
                continue;
            }

            Credit2Runqueue r = _runqueues[i];
            r.UpdateLoad(now, _options.Credit2LoadWindowShift);
            if (min == null || r.AverageLoad < min.AverageLoad)
            {
                min = r;
            }

            if (max == null || r.AverageLoad > max.AverageLoad)
            {
                max = r;
            }
        }

        if (min != null && self.AverageLoad - min.AverageLoad > BalanceThreshold && self.Active > min.Active)
        {
            TryMove(self, min, now);
        }
        else if (max != null && max.AverageLoad - self.AverageLoad > BalanceThreshold && max.Active > self.Active)
        {
            TryMove(max, self, now);
        }
    }

    private void TryMove(Credit2Runqueue from, Credit2Runqueue to, long now)
    {
        int limit = from.Queue.Count < Credit2Constants.BalanceScanLimit ? from.Queue.Count : Credit2Constants.BalanceScanLimit;
        for (int i = 0; i < limit; i++)
        {
            int slot = from.Queue.ItemAt(i);
            SchedVcpu v = VcpuAt(slot)!;
            if (!to.Cpus.Intersects(v.HardAffinity))
            {
                continue;
            }

            AssignRunqueue(slot, to.Id, now, true);
            from.AverageLoad -= LoadUnit;
            to.AverageLoad += LoadUnit;
            v.Processor = PickCpuIn(to, v);
            Enqueue(slot);
            TickleFor(slot, v);
            return;
        }
    }
}
