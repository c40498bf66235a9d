// A fair spin lock for hypervisor data shared between physical CPUs. Ticket order matters here: a vCPU
// storm on one CPU must not starve another CPU's exit handling (a test-and-set lock lets the CPU that just
// released re-take it while the line is still in its cache). Holders never sleep and never fault, so a
// spin is bounded by the longest critical section.
using System.Threading;

namespace Xen.Runtime.Threading;

/// <summary>A ticket spin lock. Zero-initialised means unlocked; keep it in a field and pass it by ref.</summary>
public struct TicketLock
{
    private int _next;
    private int _serving;

    /// <summary>Takes a ticket and spins until it is served.</summary>
    public void Acquire()
    {
        int ticket = Interlocked.Add(ref _next, 1) - 1;
        while (Volatile.Read(ref _serving) != ticket) SpinWaitHint.Pause();
    }

    /// <summary>Takes the lock only if nobody holds or waits for it.</summary>
    public bool TryAcquire()
    {
        int serving = Volatile.Read(ref _serving);
        return Interlocked.CompareExchange(ref _next, serving + 1, serving) == serving;
    }

    /// <summary>Serves the next ticket. Only the holder may call it.</summary>
    public void Release() => Volatile.Write(ref _serving, _serving + 1);

    /// <summary>True while some CPU holds the lock (diagnostics: a panic path must not wait for it).</summary>
    public readonly bool IsHeld => Volatile.Read(in _next) != Volatile.Read(in _serving);
}
