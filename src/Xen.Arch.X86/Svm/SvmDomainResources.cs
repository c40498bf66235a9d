// What every vCPU of a domain shares: the I/O and MSR permission maps (all intercepted, so every port and
// MSR access is an exit the hypervisor decides on), the domain's ASID and its nested page tables.
namespace Xen.Arch.X86.Svm;

/// <summary>Per-domain SVM resources a VMCB points at.</summary>
public struct SvmDomainResources
{
    /// <summary>IOPM: 12 KiB, one bit per port, physically contiguous (APM vol. 2 §15.10.1).</summary>
    public ulong IoPermissionMap;
    /// <summary>MSRPM: 8 KiB, two bits per MSR (APM vol. 2 §15.11).</summary>
    public ulong MsrPermissionMap;
    /// <summary>The domain's ASID (non-zero; 0 is the host's).</summary>
    public uint Asid;
    /// <summary>N_CR3: the nested page tables' root.</summary>
    public ulong NestedCr3;
}
