// Index of each EL1/EL0 system register in VcpuContext.El1, in the order GuestEntry.s saves and restores them
// (pairs of mrs/msr, so the order is the assembly's). The set is what a guest kernel owns and the hypervisor
// never uses itself (Arm ARM DDI 0487, D13 "AArch64 System Register Descriptions"; the same set KVM and Xen
// switch in their vcpu context: xen/arch/arm/domain.c ctxt_switch_from/to).
namespace Xen.Arch.Arm.Virtualization;

/// <summary>Positions of the switched EL1/EL0 registers in <see cref="VcpuContext.El1"/>.</summary>
public enum El1Register
{
    /// <summary>SCTLR_EL1: stage-1 MMU and cache enables.</summary>
    Sctlr = 0,
    /// <summary>TTBR0_EL1.</summary>
    Ttbr0,
    /// <summary>TTBR1_EL1.</summary>
    Ttbr1,
    /// <summary>TCR_EL1.</summary>
    Tcr,
    /// <summary>MAIR_EL1.</summary>
    Mair,
    /// <summary>AMAIR_EL1.</summary>
    Amair,
    /// <summary>VBAR_EL1: the guest's vector table.</summary>
    Vbar,
    /// <summary>SP_EL1.</summary>
    SpEl1,
    /// <summary>ELR_EL1.</summary>
    Elr,
    /// <summary>SPSR_EL1.</summary>
    Spsr,
    /// <summary>ESR_EL1.</summary>
    Esr,
    /// <summary>FAR_EL1.</summary>
    Far,
    /// <summary>AFSR0_EL1.</summary>
    Afsr0,
    /// <summary>AFSR1_EL1.</summary>
    Afsr1,
    /// <summary>CONTEXTIDR_EL1.</summary>
    ContextId,
    /// <summary>TPIDR_EL1.</summary>
    TpidrEl1,
    /// <summary>TPIDR_EL0.</summary>
    TpidrEl0,
    /// <summary>TPIDRRO_EL0.</summary>
    TpidrRoEl0,
    /// <summary>CPACR_EL1: FP/SIMD access for EL1/EL0.</summary>
    Cpacr,
    /// <summary>CNTKCTL_EL1.</summary>
    Cntkctl,
    /// <summary>PAR_EL1 (address-translation results).</summary>
    Par,
    /// <summary>SP_EL0.</summary>
    SpEl0,
    /// <summary>CSSELR_EL1.</summary>
    Csselr,
    /// <summary>CNTV_CTL_EL0: the guest's virtual timer control.</summary>
    CntvCtl,
    /// <summary>CNTV_CVAL_EL0: the guest's virtual timer compare value.</summary>
    CntvCval,
    /// <summary>Padding so the block is a whole number of register pairs.</summary>
    Reserved,
}
