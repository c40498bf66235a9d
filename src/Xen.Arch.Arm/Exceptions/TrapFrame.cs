// The register frame Vectors.s builds on the EL2 stack before calling XenArmTrap, and the decoding of the
// syndrome register (ESR_EL2) that the crash dump prints. Hosted as well, so the decoding is unit-tested.
// ESR layout (Arm ARM DDI 0487, register ESR_EL2): EC = bits [31:26] exception class, IL = bit 25 (32-bit instruction),
// ISS = bits [24:0] class-specific syndrome; for data aborts ISS bit 6 = WnR (write), bits [5:0] = DFSC.
using System.Runtime.InteropServices;

namespace Xen.Arch.Arm.Exceptions;

/// <summary>Saved state at an EL2 exception (layout shared with Vectors.s: 38 eight-byte words).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct TrapFrame
{
    /// <summary>General registers x0-x30 at the exception.</summary>
    public fixed ulong X[31];
    /// <summary>Stack pointer before the exception (meaningful for traps taken from EL2 itself).</summary>
    public ulong Sp;
    /// <summary>ELR_EL2: the address of the faulting (or, for SVC/HVC/SMC, the next) instruction.</summary>
    public ulong Elr;
    /// <summary>SPSR_EL2: the interrupted PSTATE.</summary>
    public ulong Spsr;
    /// <summary>ESR_EL2: the syndrome.</summary>
    public ulong Esr;
    /// <summary>FAR_EL2: the faulting virtual address (aborts, alignment and watchpoint faults).</summary>
    public ulong Far;
    /// <summary>Vector table entry 0-15 (see Vectors.s).</summary>
    public ulong Vector;
#pragma warning disable CS0169 // keeps the frame a multiple of 16 bytes, as the stack requires
    private readonly ulong _pad;
#pragma warning restore CS0169

    /// <summary>The exception class: ESR bits [31:26].</summary>
    public static uint ExceptionClass(ulong esr) => (uint)(esr >> 26) & 0x3F;

    /// <summary>The instruction-specific syndrome: ESR bits [24:0].</summary>
    public static uint Syndrome(ulong esr) => (uint)esr & 0x1FFFFFF;

    /// <summary>True for the classes whose FAR_EL2 holds a faulting address worth printing.</summary>
    public static bool HasFaultAddress(uint ec) => ec is 0x20 or 0x21 or 0x22 or 0x24 or 0x25 or 0x34 or 0x35;

    /// <summary>True for data and instruction aborts (ISS carries a fault status code).</summary>
    public static bool IsAbort(uint ec) => ec is 0x20 or 0x21 or 0x24 or 0x25;

    /// <summary>The name of an exception class (Arm ARM DDI 0487, ESR_EL2.EC encodings).</summary>
    public static string ClassName(uint ec) => ec switch
    {
        0x00 => "unknown reason",
        0x01 => "WFI/WFE trapped",
        0x07 => "SIMD/FP access trapped",
        0x0E => "illegal execution state",
        0x11 => "SVC (AArch32)",
        0x15 => "SVC (AArch64)",
        0x16 => "HVC (AArch64)",
        0x17 => "SMC (AArch64)",
        0x18 => "MSR/MRS/system instruction trapped",
        0x19 => "SVE access trapped",
        0x20 => "instruction abort, lower EL",
        0x21 => "instruction abort, same EL",
        0x22 => "PC alignment fault",
        0x24 => "data abort, lower EL",
        0x25 => "data abort, same EL",
        0x26 => "SP alignment fault",
        0x2C => "floating-point exception",
        0x2F => "SError interrupt",
        0x30 => "breakpoint, lower EL",
        0x31 => "breakpoint, same EL",
        0x32 => "software step, lower EL",
        0x33 => "software step, same EL",
        0x34 => "watchpoint, lower EL",
        0x35 => "watchpoint, same EL",
        0x3C => "BRK instruction",
        _ => "reserved exception class",
    };

    /// <summary>The name of a data/instruction fault status code, ISS bits [5:0] (Arm ARM DDI 0487, ESR_EL2 ISS DFSC/IFSC).</summary>
    public static string FaultStatusName(uint fsc) => fsc switch
    {
        >= 0x00 and <= 0x03 => "address size fault",
        >= 0x04 and <= 0x07 => "translation fault",
        >= 0x08 and <= 0x0B => "access flag fault",
        >= 0x0C and <= 0x0F => "permission fault",
        0x10 => "synchronous external abort",
        0x21 => "alignment fault",
        0x30 => "TLB conflict abort",
        _ => "other fault",
    };

    /// <summary>The name of a vector table entry: which exception level and kind it was taken from.</summary>
    public static string VectorName(ulong vector) => vector switch
    {
        0 => "current EL SP0 synchronous", 1 => "current EL SP0 IRQ", 2 => "current EL SP0 FIQ", 3 => "current EL SP0 SError",
        4 => "current EL synchronous", 5 => "current EL IRQ", 6 => "current EL FIQ", 7 => "current EL SError",
        8 => "lower EL synchronous", 9 => "lower EL IRQ", 10 => "lower EL FIQ", 11 => "lower EL SError",
        12 => "lower EL (AArch32) synchronous", 13 => "lower EL (AArch32) IRQ", 14 => "lower EL (AArch32) FIQ",
        15 => "lower EL (AArch32) SError",
        _ => "invalid vector",
    };
}
