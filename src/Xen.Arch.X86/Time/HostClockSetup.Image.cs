// Builds the x86 host clock at boot: TSC frequency from the ACPI PM timer (QEMU q35/ICH9 with SeaBIOS puts the
// PM block at 0x600, PM1_TMR at +8 = 0x608: hw/acpi/ich9 ICH9_PMIO_PM1_TMR), else CPUID 0x15/0x16, else an
// assumed 1 GHz; the wallclock from the CMOS RTC (ports 0x70/0x71, waiting out update-in-progress in status A
// bit 7 and reading until two passes agree). Prints one line: `time: TSC <MHz> MHz (<source>), wallclock <s>`.
// The same 10 ms PM-timer window also counts the local APIC timer, which the host tick is derived from: one
// calibration for both clocks instead of two 10 ms waits at boot.
using Xen.Arch.X86.Hardware;
using Xen.Core.Console;

namespace Xen.Arch.X86.Time;

/// <summary>Boot-time construction of <see cref="TscClock"/>.</summary>
internal static unsafe class HostClockSetup
{
    private const uint CalibrationPmTicks = 35_795; // 10 ms of the 3.579545 MHz PM timer
    private const ushort CmosIndex = 0x70, CmosData = 0x71;
    private const ulong FallbackHz = 1_000_000_000;

    /// <summary>Calibrates and returns the clock; system time 0 is now. <paramref name="apicTicksPer10Ms"/> is the
    /// local APIC timer's count (divide-by-1) over the same window, 0 without a PM timer.</summary>
    internal static TscClock Create(IConsoleOutput output, out uint apicTicksPer10Ms)
    {
        var reader = new TscReader();
        ulong pmHz = MeasureAgainstPmTimer(out apicTicksPer10Ms);
        ulong hz = TscCalibration.Choose(pmHz, Cpuid15(), Cpuid16(), out TscSource source);
        if (hz == 0) hz = FallbackHz;
        long wall = ReadRtc();
        ulong tscAtZero = reader.Read();
        var clock = new TscClock(reader, hz, tscAtZero, wall < 0 ? 0 : (ulong)wall, 0, stable: InvariantTsc());
        output.Write("time: TSC ");
        output.WriteDecimal(hz / 1_000_000);
        output.Write(" MHz (");
        output.Write(source == TscSource.PmTimer ? "PM timer" : source == TscSource.Cpuid15 ? "CPUID 0x15" :
            source == TscSource.Cpuid16 ? "CPUID 0x16" : "assumed");
        output.Write("), wallclock ");
        output.WriteDecimal(wall < 0 ? 0 : (ulong)wall);
        output.WriteLine(wall < 0 ? " (RTC unreadable)" : " s since the epoch");
        return clock;
    }

    // TSC ticks across CalibrationPmTicks of the PM timer, started on a PM tick edge, and the APIC timer's count
    // over the same window; 0 if the port reads like nothing is there (all ones) or the counter does not move.
    private static ulong MeasureAgainstPmTimer(out uint apicTicks)
    {
        apicTicks = 0;
        if (!AcpiPmTimer.IsPresent) return 0;
        uint start = AcpiPmTimer.Read();
        int spins = 0;
        uint edge;
        while ((edge = AcpiPmTimer.Read()) == start)
            if (++spins > 10_000_000) return 0;
        ulong tsc0 = Cpu.ReadTsc();
        LocalApic.StartCountdown();
        uint now, ticks;
        do
        {
            now = AcpiPmTimer.Read();
            ticks = TscCalibration.PmTimerTicks(edge, now);
        } while (ticks < CalibrationPmTicks);
        ulong tsc1 = Cpu.ReadTsc();
        apicTicks = LocalApic.StopCountdown();
        return TscCalibration.FrequencyFromPmTimer(tsc1 - tsc0, ticks);
    }

    private static ulong Cpuid15()
    {
        uint* r = stackalloc uint[4];
        Cpu.CpuId(0, 0, r);
        if (r[0] < 0x15) return 0;
        Cpu.CpuId(0x15, 0, r);
        return TscCalibration.FrequencyFromCpuid15(r[0], r[1], r[2]);
    }

    private static ulong Cpuid16()
    {
        uint* r = stackalloc uint[4];
        Cpu.CpuId(0, 0, r);
        if (r[0] < 0x16) return 0;
        Cpu.CpuId(0x16, 0, r);
        return TscCalibration.FrequencyFromCpuid16(r[0]);
    }

    // CPUID 0x80000007 EDX bit 8: invariant TSC (AMD APM vol. 3, Intel SDM) — constant rate in all P/C-states.
    private static bool InvariantTsc()
    {
        uint* r = stackalloc uint[4];
        Cpu.CpuId(0x80000000, 0, r);
        if (r[0] < 0x80000007) return false;
        Cpu.CpuId(0x80000007, 0, r);
        return (r[3] & (1u << 8)) != 0;
    }

    private static long ReadRtc()
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            if (!WaitUpdateDone()) return -1;
            long a = ReadRtcOnce();
            if (!WaitUpdateDone()) return -1;
            long b = ReadRtcOnce();
            if (a == b) return a;
        }
        return -1;
    }

    private static bool WaitUpdateDone()
    {
        for (int i = 0; i < 1_000_000; i++)
            if ((Cmos(0x0A) & 0x80) == 0) return true;
        return false;
    }

    private static long ReadRtcOnce() => RtcTime.ToUnixSeconds(Cmos(0x00), Cmos(0x02), Cmos(0x04), Cmos(0x07),
        Cmos(0x08), Cmos(0x09), Cmos(0x32), Cmos(0x0B));

    private static byte Cmos(byte register)
    {
        Cpu.OutByte(CmosIndex, register); // bit 7 clear: NMIs stay enabled
        return Cpu.InByte(CmosData);
    }
}
