// Why this file exists: the simulator's event handlers — a CPU reaching its slice end, burst end or tickle
// (account, maybe block, do-schedule, check safety), and a vCPU's wake-up or periodic job release.
namespace Xen.Sched.Simulation;

public sealed partial class SchedulerSimulator
{
    private void ProcessCpu(int cpu)
    {
        long t = _now;
        int prev = _cpuVcpu[cpu];
        Account(cpu, t);
        if (prev >= 0 && _workloads[prev].Kind != WorkloadKind.CpuBound && _remaining[prev] <= 0
            && _vcpus[prev].State == VcpuRunState.Running)
        {
            CompleteBurst(prev, t);
        }

        Decisions++;
        ScheduleDecision decision = _scheduler.DoSchedule(cpu, t);
        SchedVcpu? next = decision.Next;
        if (prev >= 0 && (next == null || next.HostTag != prev))
        {
            _runningOn[prev] = -1;
            _scheduler.ContextSaved(cpu, _vcpus[prev], t); // the switch is instantaneous here
        }

        if (next == null)
        {
            // Idle until tickled, or until the policy's own wake-up (e.g. ARINC653's next minor frame).
            _cpuVcpu[cpu] = -1;
            long idle = decision.RunFor < 1 ? 1 : decision.RunFor;
            _cpuEvent[cpu] = idle >= SchedTime.Never - t ? SchedTime.Never : t + idle;
            return;
        }

        int idx = next.HostTag;
        if (!next.HardAffinity.Test(cpu))
        {
            AffinityViolations++;
        }

        if (_runningOn[idx] >= 0 && _runningOn[idx] != cpu)
        {
            DoubleRuns++;
        }

        if (idx != prev)
        {
            ContextSwitches++;
            if (_lastCpu[idx] >= 0 && _lastCpu[idx] != cpu)
            {
                Migrations++;
            }
        }

        if (_wokenAt[idx] >= 0)
        {
            SimDomainStats stats = _domains[_vcpuDomain[idx]];
            long latency = t - _wokenAt[idx];
            stats.Latency.Record(latency);
            long bucket = t / _bucketWidth;
            if (bucket < _buckets && latency > stats.LatencySeries[bucket])
            {
                stats.LatencySeries[bucket] = latency;
            }

            _wokenAt[idx] = -1;
        }

        _cpuVcpu[cpu] = idx;
        _cpuStarted[cpu] = t;
        _lastCpu[idx] = cpu;
        _runningOn[idx] = cpu;
        long run = decision.RunFor < 1 ? 1 : decision.RunFor;
        _cpuSliceEnd[cpu] = run >= SchedTime.Never - t ? SchedTime.Never : t + run;
        SetCpuEvent(cpu, idx, t);
    }

    private void SetCpuEvent(int cpu, int idx, long t)
    {
        long end = _cpuSliceEnd[cpu];
        if (_workloads[idx].Kind != WorkloadKind.CpuBound)
        {
            long done = t + (_remaining[idx] > 0 ? _remaining[idx] : 0);
            end = done < end ? done : end;
        }

        _cpuEvent[cpu] = end;
    }

    /// <summary>The vCPU finished its burst or job: it blocks; an I/O-like vCPU schedules its next wake-up.</summary>
    private void CompleteBurst(int idx, long t)
    {
        _scheduler.Sleep(_vcpus[idx], t);
        if (_workloads[idx].Kind == WorkloadKind.IoBound)
        {
            _events.Push(idx, -(t + _workloads[idx].Sample(_random, _workloads[idx].SleepMean)));
        }
    }

    private void ProcessEvent(int idx)
    {
        long t = _now;
        SchedVcpu v = _vcpus[idx];
        ref Workload w = ref _workloads[idx];
        switch (w.Kind)
        {
            case WorkloadKind.CpuBound:
                _scheduler.Wake(v, t);
                break;
            case WorkloadKind.IoBound:
                _remaining[idx] = w.Sample(_random, w.RunMean);
                _wokenAt[idx] = t;
                _scheduler.Wake(v, t);
                break;
            default:
                ReleaseJob(idx, t);
                break;
        }
    }

    /// <summary>
    /// A periodic job is released at t, which is also the deadline of the previous one. Jobs run in order, so the
    /// previous job missed iff work is still outstanding now.
    /// </summary>
    private void ReleaseJob(int idx, long t)
    {
        ref Workload w = ref _workloads[idx];
        SimDomainStats d = _domains[_vcpuDomain[idx]];
        int cpu = _runningOn[idx];
        if (cpu >= 0)
        {
            Account(cpu, t);
        }

        if (_released[idx])
        {
            d.Jobs++;
            if (_remaining[idx] > 0)
            {
                d.Misses++;
            }
        }

        _released[idx] = true;
        _remaining[idx] += w.Wcet;
        _events.Push(idx, -(t + w.Period));
        SchedVcpu v = _vcpus[idx];
        if (v.State == VcpuRunState.Blocked)
        {
            _wokenAt[idx] = t;
            _scheduler.Wake(v, t);
        }
        else if (cpu >= 0)
        {
            SetCpuEvent(cpu, idx, t);
        }
    }

    /// <summary>Credits the time since the CPU's last accounting to its current vCPU.</summary>
    private void Account(int cpu, long t)
    {
        int idx = _cpuVcpu[cpu];
        long from = _cpuStarted[cpu];
        _cpuStarted[cpu] = t;
        if (idx < 0 || t <= from)
        {
            return;
        }

        long ran = t - from;
        _vcpuRun[idx] += ran;
        if (_workloads[idx].Kind != WorkloadKind.CpuBound)
        {
            _remaining[idx] -= ran;
        }

        SimDomainStats d = _domains[_vcpuDomain[idx]];
        d.RunTime += ran;
        long a = from;
        while (a < t)
        {
            int b = (int)(a / _bucketWidth);
            if (b >= _buckets)
            {
                break;
            }

            long bucketEnd = (b + 1) * _bucketWidth;
            long end = bucketEnd < t ? bucketEnd : t;
            d.Series[b] += end - a;
            a = end;
        }
    }
}
