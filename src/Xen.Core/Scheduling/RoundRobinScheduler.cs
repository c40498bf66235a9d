// The simplest fair policy: runnable vCPUs in turn, each until its next exit the core handles. Stands in
// for Xen.Sched's policies behind IVcpuScheduler.
using Xen.Core.Domains;

namespace Xen.Core.Scheduling;

/// <summary>Round-robin over every known vCPU.</summary>
public sealed class RoundRobinScheduler : IVcpuScheduler
{
    private Vcpu[] _vcpus = new Vcpu[8];
    private int _count;
    private int _next;

    /// <summary>Number of vCPUs known.</summary>
    public int Count => _count;

    /// <inheritdoc />
    public void Add(Vcpu vcpu)
    {
        if (_count == _vcpus.Length)
        {
            var larger = new Vcpu[_count * 2];
            for (int i = 0; i < _count; i++) larger[i] = _vcpus[i];
            _vcpus = larger;
        }
        _vcpus[_count++] = vcpu;
    }

    /// <inheritdoc />
    public int CountPickable(int limit)
    {
        int found = 0;
        for (int i = 0; i < _count && found < limit; i++)
            if (_vcpus[i].IsPickable) found++;
        return found;
    }

    /// <inheritdoc />
    public Vcpu? PickNext()
    {
        for (int tried = 0; tried < _count; tried++)
        {
            Vcpu candidate = _vcpus[_next];
            _next = (_next + 1) % _count;
            if (candidate.IsPickable) return candidate;
        }
        return null;
    }
}
