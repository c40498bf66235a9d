// The seam between the vGIC's list-register bookkeeping and the hardware: the ICH_* registers of the GICv3
// virtual CPU interface (Arm IHI 0069, §12.4 "Virtualization control registers"). Images bind it to the
// system registers (HardwareGicCpuInterface, which also skips writes of unchanged values: each is a trap under
// TCG); hosted tests use a fake that plays the guest's side (EOIs).
namespace Xen.Arch.Arm.Virtualization.Gic;

/// <summary>ICH_* registers of the current physical CPU.</summary>
public interface IGicCpuInterface
{
    /// <summary>Implemented list registers (ICH_VTR_EL2.ListRegs + 1, at most 16).</summary>
    int ListRegisterCount { get; }

    /// <summary>ICH_LR&lt;n&gt;_EL2.</summary>
    ulong ReadListRegister(int index);

    /// <summary>Writes ICH_LR&lt;n&gt;_EL2.</summary>
    void WriteListRegister(int index, ulong value);

    /// <summary>ICH_VMCR_EL2: the guest's virtual PMR, BPRs, group enables, EOI mode.</summary>
    ulong ReadVmcr();

    /// <summary>Writes ICH_VMCR_EL2.</summary>
    void WriteVmcr(ulong value);

    /// <summary>ICH_AP1R0_EL2: group-1 active priorities (5 priority bits need only register 0).</summary>
    ulong ReadActivePriorities();

    /// <summary>Writes ICH_AP1R0_EL2.</summary>
    void WriteActivePriorities(ulong value);

    /// <summary>Writes ICH_HCR_EL2.</summary>
    void WriteControl(ulong value);

    /// <summary>The vCPU whose ICH_VMCR_EL2/ICH_AP1R0_EL2 the registers hold (switched lazily: a guest changes
    /// them without exiting, so they are saved only when another vCPU's are loaded).</summary>
    VgicCpu? Loaded { get; set; }
}
