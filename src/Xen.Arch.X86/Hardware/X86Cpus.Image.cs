// Xen.Core's IPhysicalCpus on x86: the index from the per-CPU block, kicks as fixed IPIs through the LAPIC,
// idling with `sti; hlt`, and the periodic LAPIC tick that bounds how long a guest runs before the loop
// looks again (time slices, timer deadlines).
using Xen.Arch.X86.Interrupts;
using Xen.Core.Scheduling;

namespace Xen.Arch.X86.Hardware;

internal sealed class X86Cpus : IPhysicalCpus
{
    /// <summary>The host tick: every 4 ms each CPU leaves its guest once (a time slice, and the resolution of guest
    /// timers). Under TCG one INTR exit costs ~40 µs, so the tick costs about 1 % of a CPU.</summary>
    internal const uint TickMicroseconds = 4000;

    private static readonly uint[] s_apicIds = new uint[PerCpu.MaxCpus];
    private static uint s_tickTicks;

    internal X86Cpus(int count) { Count = count; }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public int Current => Cpu.CurrentIndex();

    /// <inheritdoc />
    public void TakeInterrupts() => Cpu.TakeInterrupts();

    /// <inheritdoc />
    public void WaitForWork() => Cpu.IdleWait();

    /// <inheritdoc />
    public void Kick(int cpu) => LocalApic.SendIpi(s_apicIds[cpu], ExceptionHandler.KickVector);

    /// <summary>Records the calling CPU's APIC id as CPU <paramref name="cpu"/>'s (kick target).</summary>
    internal static void RegisterThisCpu(int cpu) => s_apicIds[cpu] = LocalApic.Id;

    /// <summary>Sets the tick from the APIC timer's count over 10 ms (measured with the TSC against the PM timer
    /// by HostClockSetup); false when there was nothing to measure against.</summary>
    internal static bool SetTick(uint apicTicksPer10Ms)
    {
        s_tickTicks = (uint)((ulong)apicTicksPer10Ms * TickMicroseconds / 10000);
        return s_tickTicks != 0;
    }

    /// <summary>APIC timer ticks in one host tick (0 before calibration).</summary>
    internal static uint TickTicks => s_tickTicks;

    /// <summary>Starts the periodic host tick on the calling CPU.</summary>
    internal static void StartTick()
    {
        if (s_tickTicks != 0) LocalApic.StartPeriodicTimer(ExceptionHandler.TimerVector, s_tickTicks);
    }
}
