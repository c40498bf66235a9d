// The uniprocessor machine: one CPU, nothing to kick, idling returns at once (with one CPU and nothing
// runnable nothing can change, so the loop ends instead). Used by hosted tests and by images that have not
// brought up secondary CPUs.
namespace Xen.Core.Scheduling;

/// <summary>A machine with one physical CPU.</summary>
public sealed class SingleCpu : IPhysicalCpus
{
    /// <inheritdoc />
    public int Count => 1;

    /// <inheritdoc />
    public int Current => 0;

    /// <inheritdoc />
    public void TakeInterrupts() { }

    /// <inheritdoc />
    public void WaitForWork() { }

    /// <inheritdoc />
    public void Kick(int cpu) { }
}
