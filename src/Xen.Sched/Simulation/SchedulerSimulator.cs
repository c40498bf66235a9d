// Why this file exists: a deterministic discrete-event simulator that drives any IScheduler exactly as the
// hypervisor's per-CPU loop will (DESIGN.md §4): wake/sleep calls from workloads, do-schedule on slice expiry
// or tickle, the policy timer. It measures what the policies promise: CPU shares, wake latency, deadline
// misses, migrations, context switches, and it checks two safety properties on every decision — a vCPU only
// runs inside its hard affinity, and never on two CPUs at once.
//
// Events at the same instant are ordered policy timer, then CPU events, then wake-ups/job releases;
// equal-time CPUs and vCPUs go in index order, so a seed fully determines a run. The engine uses arrays and
// SlotHeap only, so it builds in the bare-metal flavour too; allocation happens in AddDomain.
using Xen.Sched.Collections;
using Xen.Sched.Topology;

namespace Xen.Sched.Simulation;

/// <summary>Runs a scheduler against simulated workloads.</summary>
public sealed partial class SchedulerSimulator : ISchedulerHost
{
    private readonly IScheduler _scheduler;
    private readonly CpuTopology _topology;
    private readonly SimRandom _random;
    private readonly long _duration;
    private readonly long _bucketWidth;
    private readonly int _buckets;

    private readonly int[] _cpuVcpu;
    private readonly long[] _cpuStarted;
    private readonly long[] _cpuEvent;
    private readonly long[] _cpuSliceEnd;

    private SchedVcpu[] _vcpus = new SchedVcpu[0];
    private Workload[] _workloads = new Workload[0];
    private int[] _vcpuDomain = new int[0];
    private long[] _remaining = new long[0];
    private long[] _wokenAt = new long[0];
    private long[] _vcpuRun = new long[0];
    private int[] _lastCpu = new int[0];
    private int[] _runningOn = new int[0];
    private bool[] _released = new bool[0];
    private int _vcpuCount;
    private SimDomainStats[] _domains = new SimDomainStats[0];
    private int _domainCount;
    private readonly SlotHeap _events = new SlotHeap(16);
    private int _nextPlacement;
    private long _now;

    /// <summary>Creates a simulator; it attaches itself as the scheduler's host.</summary>
    /// <param name="scheduler">Policy under test (fresh, no domains).</param>
    /// <param name="topology">Machine topology the policy was built for.</param>
    /// <param name="seed">Random seed for workload sampling.</param>
    /// <param name="duration">Simulated time, ns.</param>
    /// <param name="seriesBuckets">Number of time buckets in each domain's series (for plots).</param>
    public SchedulerSimulator(IScheduler scheduler, CpuTopology topology, ulong seed, long duration, int seriesBuckets)
    {
        _scheduler = scheduler;
        _topology = topology;
        _random = new SimRandom(seed);
        _duration = duration < 1 ? 1 : duration;
        _buckets = seriesBuckets < 1 ? 1 : seriesBuckets;
        _bucketWidth = (_duration + _buckets - 1) / _buckets;
        int n = topology.CpuCount;
        _cpuVcpu = new int[n];
        _cpuStarted = new long[n];
        _cpuEvent = new long[n];
        _cpuSliceEnd = new long[n];
        for (int c = 0; c < n; c++)
        {
            _cpuVcpu[c] = -1;
            _cpuEvent[c] = SchedTime.Never;
        }

        scheduler.AttachHost(this);
    }

    /// <summary>Simulated duration, ns.</summary>
    public long Duration => _duration;

    /// <summary>Width of one series bucket, ns.</summary>
    public long BucketWidth => _bucketWidth;

    /// <summary>Number of physical CPUs simulated.</summary>
    public int CpuCount => _topology.CpuCount;

    /// <summary>Number of domains added.</summary>
    public int DomainCount => _domainCount;

    /// <summary>Context switches between different vCPUs (idle excluded).</summary>
    public long ContextSwitches { get; private set; }

    /// <summary>Times a vCPU started on a different CPU than it last ran on.</summary>
    public long Migrations { get; private set; }

    /// <summary>Decisions that ran a vCPU outside its hard affinity (must stay 0).</summary>
    public long AffinityViolations { get; private set; }

    /// <summary>Decisions that ran a vCPU already running on another CPU (must stay 0).</summary>
    public long DoubleRuns { get; private set; }

    /// <summary>Number of do-schedule calls made.</summary>
    public long Decisions { get; private set; }

    /// <summary>Statistics of domain number <paramref name="index"/> (in AddDomain order).</summary>
    /// <param name="index">Domain index.</param>
    /// <returns>Statistics.</returns>
    public SimDomainStats Domain(int index) => _domains[index];

    /// <summary>CPU time received by vCPU <paramref name="vcpu"/> of domain index <paramref name="domain"/>.</summary>
    /// <param name="domain">Domain index.</param>
    /// <param name="vcpu">vCPU number.</param>
    /// <returns>ns.</returns>
    public long VcpuRunTime(int domain, int vcpu)
    {
        for (int i = 0; i < _vcpuCount; i++)
        {
            if (_vcpuDomain[i] == domain && _vcpus[i].VcpuId == vcpu)
            {
                return _vcpuRun[i];
            }
        }

        return 0;
    }

    /// <summary>
    /// Inserts a domain and its vCPUs into the scheduler and gives them a workload. vCPUs get initial
    /// processors round-robin inside their hard affinity, as Xen places new vCPUs on consecutive CPUs.
    /// Set parameters and affinity through the scheduler after this call.
    /// </summary>
    /// <param name="domain">Domain (not yet inserted).</param>
    /// <param name="workload">Load of each vCPU.</param>
    /// <returns>Error value from the scheduler.</returns>
    public SchedError AddDomain(SchedDomain domain, in Workload workload)
    {
        SchedError rc = _scheduler.InsertDomain(domain);
        if (rc != SchedError.None)
        {
            return rc;
        }

        int total = _vcpuCount + domain.VcpuCount;
        _vcpus = ArrayGrow.To(_vcpus, total);
        _workloads = ArrayGrow.To(_workloads, total);
        _vcpuDomain = ArrayGrow.To(_vcpuDomain, total);
        _remaining = ArrayGrow.To(_remaining, total);
        _wokenAt = ArrayGrow.To(_wokenAt, total);
        _vcpuRun = ArrayGrow.To(_vcpuRun, total);
        _lastCpu = ArrayGrow.To(_lastCpu, total);
        _runningOn = ArrayGrow.To(_runningOn, total);
        _released = ArrayGrow.To(_released, total);
        _events.EnsureCapacity(total);
        _domains = ArrayGrow.To(_domains, _domainCount + 1);
        int dIndex = _domainCount++;
        _domains[dIndex] = new SimDomainStats(domain.DomainId, domain.VcpuCount, _buckets);
        for (int i = 0; i < domain.VcpuCount; i++)
        {
            SchedVcpu v = domain.Vcpu(i);
            v.Processor = _nextPlacement++ % _topology.CpuCount;
            rc = _scheduler.InsertVcpu(v, 0);
            if (rc != SchedError.None)
            {
                return rc;
            }

            int idx = _vcpuCount++;
            v.HostTag = idx;
            _vcpus[idx] = v;
            _workloads[idx] = workload;
            _vcpuDomain[idx] = dIndex;
            _wokenAt[idx] = -1;
            _lastCpu[idx] = -1;
            _runningOn[idx] = -1;
            long first = workload.Kind == WorkloadKind.Periodic ? workload.Offset : 0;
            _events.Push(idx, -first);
        }

        return SchedError.None;
    }

    /// <inheritdoc />
    public void Tickle(int cpu)
    {
        if ((uint)cpu < (uint)_cpuEvent.Length && _cpuEvent[cpu] > _now)
        {
            _cpuEvent[cpu] = _now;
        }
    }

    /// <summary>Current simulated time, ns.</summary>
    public long Now => _now;

    /// <summary>Runs the simulation to the end of its duration and closes the accounts.</summary>
    public void Run()
    {
        RunUntil(_duration);
        _now = _duration;
        for (int c = 0; c < _cpuVcpu.Length; c++)
        {
            Account(c, _duration);
        }
    }

    /// <summary>Processes every event before <paramref name="until"/> (capped at the duration), then stops so the caller can act (e.g. re-pin) at <see cref="Now"/>.</summary>
    /// <param name="until">Stop time, ns.</param>
    public void RunUntil(long until)
    {
        if (until > _duration)
        {
            until = _duration;
        }

        while (true)
        {
            int cpu = -1;
            long tCpu = SchedTime.Never;
            for (int c = 0; c < _cpuEvent.Length; c++)
            {
                if (_cpuEvent[c] < tCpu)
                {
                    tCpu = _cpuEvent[c];
                    cpu = c;
                }
            }

            long tWake = _events.Count > 0 ? -_events.KeyOf(_events.Top) : SchedTime.Never;
            long tTimer = _scheduler.NextTimer;
            long t = tCpu < tWake ? tCpu : tWake;
            t = t < tTimer ? t : tTimer;
            if (t >= until)
            {
                break;
            }

            _now = t < _now ? _now : t;
            if (tTimer == t)
            {
                _scheduler.OnTimer(_now);
            }
            else if (tCpu == t)
            {
                ProcessCpu(cpu);
            }
            else
            {
                ProcessEvent(_events.Pop());
            }
        }

        if (until > _now)
        {
            _now = until;
        }
    }
}
