// What the run loop needs from the machine's physical CPUs (the arch seam for SMP): which CPU it is on, how
// to idle until something happens, and how to make another CPU look again (an IPI on x86, an SGI on Arm).
namespace Xen.Core.Scheduling;

/// <summary>The physical CPUs the run loop executes on.</summary>
public interface IPhysicalCpus
{
    /// <summary>Number of CPUs that run the loop.</summary>
    int Count { get; }

    /// <summary>Index of the calling CPU, 0 .. Count-1.</summary>
    int Current { get; }

    /// <summary>Lets host interrupts that arrived during guest execution run (acknowledging them).</summary>
    void TakeInterrupts();

    /// <summary>Idles the calling CPU until an interrupt (timer tick or kick). Called without the host lock.</summary>
    void WaitForWork();

    /// <summary>Interrupts CPU <paramref name="cpu"/>: out of its guest (a VM exit) or out of its idle wait.</summary>
    void Kick(int cpu);
}
