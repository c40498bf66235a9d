// The boot CPU's and every AP's local APIC in xAPIC mode (Intel SDM vol. 3 ch. 11; AMD APM vol. 2 ch. 16):
// memory-mapped registers at the architectural base 0xFEE00000 (identity-mapped by HostPageTables). QEMU 7.2's
// TCG has no x2APIC, so MMIO it is. Used for three things: starting APs (INIT-SIPI-SIPI), kicking another
// CPU out of a guest or out of HLT (a fixed IPI), and the periodic tick that bounds a guest's time slice.
using Xen.Arch.X86.Interrupts;

namespace Xen.Arch.X86.Hardware;

internal static unsafe class LocalApic
{
    private const ulong Base = 0xFEE00000;
    private const uint MsrApicBase = 0x1B;
    private const int RegId = 0x20, RegTpr = 0x80, RegEoi = 0xB0, RegSvr = 0xF0, RegIcrLow = 0x300, RegIcrHigh = 0x310;
    private const int RegLvtTimer = 0x320, RegInitialCount = 0x380, RegCurrentCount = 0x390, RegDivide = 0x3E0;
    private const uint IcrPending = 1u << 12;   // delivery status: 1 while the IPI is being sent
    private const uint LevelAssert = 1u << 14;
    private const uint ModeInit = 5u << 8, ModeStartup = 6u << 8;
    private const uint TimerPeriodic = 1u << 17, LvtMasked = 1u << 16;

    /// <summary>This CPU's APIC id.</summary>
    internal static uint Id => Read(RegId) >> 24;

    /// <summary>Software-enables this CPU's APIC (IA32_APIC_BASE.EN and SVR.APIC-enable) with our spurious vector,
    /// accepting every priority.</summary>
    internal static void EnableOnThisCpu()
    {
        Cpu.WriteMsr(MsrApicBase, Cpu.ReadMsr(MsrApicBase) | (1UL << 11));
        Write(RegTpr, 0);
        Write(RegSvr, 0x100u | ExceptionHandler.SpuriousVector);
    }

    /// <summary>Signals end of interrupt (the stubs in HostInterrupts.s do this themselves).</summary>
    internal static void Eoi() => Write(RegEoi, 0);

    /// <summary>INIT IPI (assert) to <paramref name="apicId"/>: the first step of the MP start-up sequence.</summary>
    internal static void SendInit(uint apicId) => SendIcr(apicId, ModeInit | LevelAssert);

    /// <summary>Start-up IPI: the AP begins in real mode at <paramref name="page"/> &lt;&lt; 12 (page below 1 MiB).</summary>
    internal static void SendStartup(uint apicId, uint page) => SendIcr(apicId, ModeStartup | LevelAssert | (page & 0xFF));

    /// <summary>A fixed interrupt with <paramref name="vector"/> to <paramref name="apicId"/>.</summary>
    internal static void SendIpi(uint apicId, byte vector) => SendIcr(apicId, LevelAssert | vector);

    /// <summary>Starts the timer in periodic mode, divide-by-1, firing <paramref name="vector"/> every
    /// <paramref name="ticks"/> APIC timer ticks.</summary>
    internal static void StartPeriodicTimer(byte vector, uint ticks)
    {
        Write(RegDivide, 0xB); // divide by 1
        Write(RegLvtTimer, TimerPeriodic | vector);
        Write(RegInitialCount, ticks);
    }

    /// <summary>Starts the timer counting down from 2^32-1 (divide-by-1, interrupt masked) for calibration.</summary>
    internal static void StartCountdown()
    {
        Write(RegDivide, 0xB);
        Write(RegLvtTimer, LvtMasked);
        Write(RegInitialCount, 0xFFFFFFFF);
    }

    /// <summary>Stops the countdown; returns the APIC timer ticks since <see cref="StartCountdown"/>.</summary>
    internal static uint StopCountdown()
    {
        uint elapsed = 0xFFFFFFFF - Read(RegCurrentCount);
        Write(RegInitialCount, 0);
        return elapsed;
    }

    private static void SendIcr(uint apicId, uint low)
    {
        while ((Read(RegIcrLow) & IcrPending) != 0) Cpu.Pause();
        Write(RegIcrHigh, apicId << 24);
        Write(RegIcrLow, low); // writing the low half sends the IPI
        while ((Read(RegIcrLow) & IcrPending) != 0) Cpu.Pause();
    }

    private static uint Read(int register) => System.Threading.Volatile.Read(ref *(uint*)(Base + (ulong)register));

    private static void Write(int register, uint value) => System.Threading.Volatile.Write(ref *(uint*)(Base + (ulong)register), value);
}
