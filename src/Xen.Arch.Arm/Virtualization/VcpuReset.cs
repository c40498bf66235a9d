// Initial register state of an Arm vCPU: the arm64 Linux boot protocol (Linux Documentation/arch/arm64/booting.rst
// §4, which Xen follows for domains: xen/arch/arm/domain_build.c) — EL1h with DAIF masked, MMU and data cache
// off, x0 = physical address of the device tree (0 when there is none), x1-x3 = 0, pc = the kernel entry.
// PSCI CPU_ON uses the same state with x0 = the caller's context id (DEN 0022D §6.4.3 "CPU_ON").
namespace Xen.Arch.Arm.Virtualization;

/// <summary>Puts a vCPU into its reset state.</summary>
public static unsafe class VcpuReset
{
    /// <summary>SPSR value entering EL1h (M[3:0] = 0b0101) with D, A, I, F masked (bits 9-6) (Arm ARM, SPSR_EL2).</summary>
    public const ulong El1hMasked = 0x3C5;

    /// <summary>SCTLR_EL1 with only its RES1 bits set (bits 29, 28, 23, 22, 20, 11): MMU, caches and
    /// alignment checks off (Arm ARM, SCTLR_EL1; verified under QEMU: shared/notes/toolchain-arm64.md).</summary>
    public const ulong SctlrReset = 0x30D00800;

    /// <summary>HCR_EL2 for guests (Arm ARM, HCR_EL2): RW (31) EL1 is AArch64, TSC (19) trap SMC, TWE (14) and
    /// TWI (13) trap WFE/WFI, AMO/IMO/FMO (5-3) route SError/IRQ/FIQ to EL2, SWIO (1) set/way invalidation
    /// as clean+invalidate, VM (0) stage-2 translation on.</summary>
    public const ulong GuestHcr = 1UL << 31 | 1UL << 19 | 1UL << 14 | 1UL << 13 | 1UL << 5 | 1UL << 4 | 1UL << 3 | 1UL << 1 | 1UL << 0;

    /// <summary>Clears <paramref name="context"/>'s guest state and sets the boot registers.</summary>
    public static void Reset(VcpuContext* context, ulong entry, ulong x0, int vcpuId)
    {
        for (int i = 0; i < 31; i++) context->X[i] = 0;
        for (int i = 0; i < 64; i++) context->Fp[i] = 0;
        for (int i = 0; i < VcpuContext.El1RegisterCount; i++) context->El1[i] = 0;
        context->X[0] = x0;
        context->Pc = entry;
        context->Pstate = El1hMasked;
        context->Fpsr = 0;
        context->Fpcr = 0;
        context->El1[(int)El1Register.Sctlr] = SctlrReset;
        context->Hcr = GuestHcr;
        context->Vmpidr = GuestPsci.MpidrOf(vcpuId);
    }
}
