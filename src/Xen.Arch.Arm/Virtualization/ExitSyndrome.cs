// Decodes ESR_EL2 for the guest exits the hypervisor handles (Arm ARM DDI 0487, D13.2.37 ESR_EL2):
//   EC (bits [31:26]) 0x01 WFI/WFE  — ISS bit 0 TI: 0 = WFI, 1 = WFE (trapped by HCR_EL2.TWI/TWE)
//                     0x16 HVC     — ISS[15:0] = the immediate; ELR_EL2 already points past the HVC
//                     0x17 SMC     — ISS[15:0] = the immediate; trapped by HCR_EL2.TSC, ELR_EL2 points AT the SMC
//                     0x24 data abort from a lower EL — ISS: ISV bit 24, SAS [23:22], SSE 21, SRT [20:16],
//                          SF 15, AR 14, FnV 10, S1PTW 7, WnR 6, DFSC [5:0]
//   IL (bit 25): the trapped instruction is 32 bits (always for A64).
// The faulting IPA of a stage-2 abort is HPFAR_EL2.FIPA (bits [43:4] = IPA[51:12]) plus FAR_EL2's page
// offset (Arm ARM, HPFAR_EL2). Pure functions: hosted-tested.
namespace Xen.Arch.Arm.Virtualization;

/// <summary>ESR_EL2 fields of guest exits.</summary>
public static class ExitSyndrome
{
    /// <summary>EC: trapped WFI or WFE.</summary>
    public const uint ClassWfx = 0x01;
    /// <summary>EC: HVC from AArch64.</summary>
    public const uint ClassHvc = 0x16;
    /// <summary>EC: SMC from AArch64.</summary>
    public const uint ClassSmc = 0x17;
    /// <summary>EC: trapped MSR/MRS/system instruction from AArch64.</summary>
    public const uint ClassSysReg = 0x18;
    /// <summary>EC: instruction abort from a lower EL.</summary>
    public const uint ClassInstructionAbortLower = 0x20;
    /// <summary>EC: data abort from a lower EL.</summary>
    public const uint ClassDataAbortLower = 0x24;

    /// <summary>Xen's hypercall immediate: <c>hvc #0xEA1</c> (xen/include/public/arch-arm.h, XEN_HYPERCALL_TAG).</summary>
    public const uint XenHypercallTag = 0xEA1;

    /// <summary>Exception class, ESR bits [31:26].</summary>
    public static uint Class(ulong esr) => (uint)(esr >> 26) & 0x3F;

    /// <summary>Instruction-specific syndrome, ESR bits [24:0].</summary>
    public static uint Iss(ulong esr) => (uint)esr & 0x1FFFFFF;

    /// <summary>IL: the trapped instruction was 32 bits wide.</summary>
    public static bool Is32BitInstruction(ulong esr) => (esr & (1UL << 25)) != 0;

    /// <summary>The 16-bit immediate of an HVC or SMC.</summary>
    public static uint Immediate(ulong esr) => (uint)esr & 0xFFFF;

    /// <summary>True for WFE, false for WFI (ISS bit 0, TI).</summary>
    public static bool IsWfe(ulong esr) => (esr & 1) != 0;

    /// <summary>Data abort: ISV (bit 24), the fields below are valid.</summary>
    public static bool IsValid(ulong esr) => (esr & (1UL << 24)) != 0;

    /// <summary>Data abort: access size in bytes, 1 &lt;&lt; SAS (bits [23:22]).</summary>
    public static int AccessSize(ulong esr) => 1 << (int)((esr >> 22) & 3);

    /// <summary>Data abort: SSE (bit 21), a load that sign-extends.</summary>
    public static bool SignExtend(ulong esr) => (esr & (1UL << 21)) != 0;

    /// <summary>Data abort: SRT (bits [20:16]), the transfer register (31 = xzr).</summary>
    public static int Register(ulong esr) => (int)((esr >> 16) & 0x1F);

    /// <summary>Data abort: SF (bit 15), the register is 64-bit (else 32-bit).</summary>
    public static bool Is64BitRegister(ulong esr) => (esr & (1UL << 15)) != 0;

    /// <summary>Data abort: WnR (bit 6), a write.</summary>
    public static bool IsWrite(ulong esr) => (esr & (1UL << 6)) != 0;

    /// <summary>Data abort: S1PTW (bit 7), the fault happened on the guest's own table walk.</summary>
    public static bool IsStage1Walk(ulong esr) => (esr & (1UL << 7)) != 0;

    /// <summary>Abort fault status code, ISS bits [5:0].</summary>
    public static uint FaultStatus(ulong esr) => (uint)esr & 0x3F;

    /// <summary>The faulting IPA from HPFAR_EL2 and FAR_EL2.</summary>
    public static ulong FaultIpa(ulong hpfar, ulong far) => ((hpfar >> 4) & 0xFF_FFFF_FFFF) << 12 | (far & 0xFFF);

    /// <summary>A short name for the exception classes guests cause.</summary>
    public static string ClassName(uint ec) => ec switch
    {
        ClassWfx => "WFI/WFE",
        ClassHvc => "HVC",
        ClassSmc => "SMC",
        ClassSysReg => "system register",
        ClassInstructionAbortLower => "instruction abort",
        ClassDataAbortLower => "data abort",
        0x00 => "unknown instruction",
        0x07 => "FP/SIMD access",
        _ => "other",
    };
}
