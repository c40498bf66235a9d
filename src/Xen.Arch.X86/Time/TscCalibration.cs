// The arithmetic of finding the TSC frequency, kept pure so it is tested hosted. Sources, best first:
//   1. The ACPI PM timer (ACPI spec §4.8.2.1): 3,579,545 Hz, a 24-bit up-counter that wraps (every ~4.69 s).
//      Counting TSC ticks across a known number of PM ticks measures the TSC rate the guests will see, which
//      under QEMU TCG is whatever the emulator's TSC runs at, not what CPUID claims.
//   2. CPUID leaf 0x15 (Intel SDM vol. 2, CPUID "Time Stamp Counter and Nominal Core Crystal Clock"):
//      TSC Hz = ECX (crystal Hz) × EBX / EAX; any zero field means "not enumerated".
//   3. CPUID leaf 0x16: EAX = processor base frequency in MHz (the TSC rate on parts with an invariant TSC).
namespace Xen.Arch.X86.Time;

/// <summary>TSC frequency calculations.</summary>
public static class TscCalibration
{
    /// <summary>ACPI PM timer frequency (Hz).</summary>
    public const ulong PmTimerHz = 3_579_545;

    /// <summary>The PM timer counts in 24 bits (TMR_VAL_EXT = 0 on q35/ICH9 under QEMU).</summary>
    public const uint PmTimerMask = 0xFFFFFF;

    /// <summary>PM ticks between two 24-bit readings, across at most one wrap.</summary>
    public static uint PmTimerTicks(uint start, uint end) => (end - start) & PmTimerMask;

    /// <summary>TSC Hz from <paramref name="tscTicks"/> counted while the PM timer advanced
    /// <paramref name="pmTicks"/>; 0 if <paramref name="pmTicks"/> is 0. Rounded to nearest.</summary>
    public static ulong FrequencyFromPmTimer(ulong tscTicks, uint pmTicks)
    {
        if (pmTicks == 0) return 0;
        // tscTicks × 3,579,545 overflows 64 bits past ~5e12 ticks (≥ 20 minutes at 4 GHz): split the product.
        ulong whole = tscTicks / pmTicks, rest = tscTicks % pmTicks;
        return whole * PmTimerHz + (rest * PmTimerHz + pmTicks / 2) / pmTicks;
    }

    /// <summary>TSC Hz from CPUID.15H (<paramref name="eax"/> denominator, <paramref name="ebx"/> numerator,
    /// <paramref name="ecx"/> crystal Hz); 0 when the leaf does not enumerate it.</summary>
    public static ulong FrequencyFromCpuid15(uint eax, uint ebx, uint ecx) =>
        eax == 0 || ebx == 0 || ecx == 0 ? 0 : (ulong)ecx * ebx / eax;

    /// <summary>TSC Hz from CPUID.16H EAX (base MHz, bits 15:0); 0 when not enumerated.</summary>
    public static ulong FrequencyFromCpuid16(uint eax) => (ulong)(eax & 0xFFFF) * 1_000_000;

    /// <summary>The first usable source: PM timer, then CPUID.15H, then CPUID.16H; 0 if none.</summary>
    public static ulong Choose(ulong pmTimerHz, ulong cpuid15Hz, ulong cpuid16Hz, out TscSource source)
    {
        if (pmTimerHz != 0) { source = TscSource.PmTimer; return pmTimerHz; }
        if (cpuid15Hz != 0) { source = TscSource.Cpuid15; return cpuid15Hz; }
        if (cpuid16Hz != 0) { source = TscSource.Cpuid16; return cpuid16Hz; }
        source = TscSource.None;
        return 0;
    }
}

/// <summary>Where the TSC frequency came from.</summary>
public enum TscSource
{
    /// <summary>Nothing measured it (the clock falls back to an assumed rate).</summary>
    None,
    /// <summary>Measured against the ACPI PM timer.</summary>
    PmTimer,
    /// <summary>CPUID leaf 0x15.</summary>
    Cpuid15,
    /// <summary>CPUID leaf 0x16.</summary>
    Cpuid16,
}
