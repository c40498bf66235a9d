// What every vCPU of a domain shares: the I/O and MSR permission maps (all intercepted, so every port and
// MSR access is an exit the hypervisor decides on), the per-CPU ASID space and the domain's nested page tables.
namespace Xen.Arch.X86.Svm;

/// <summary>Per-domain SVM resources a VMCB points at.</summary>
public struct SvmDomainResources
{
    /// <summary>IOPM: 12 KiB, one bit per port, physically contiguous (APM vol. 2 §15.10.1).</summary>
    public ulong IoPermissionMap;
    /// <summary>MSRPM: 8 KiB, two bits per MSR (APM vol. 2 §15.11).</summary>
    public ulong MsrPermissionMap;
    /// <summary>The ASIDs of every physical CPU (a vCPU gets one per CPU it runs on).</summary>
    public AsidSpace Asids;
    /// <summary>N_CR3: the nested page tables' root.</summary>
    public ulong NestedCr3;
}
