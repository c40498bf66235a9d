// Xen's guest-visible CPUID interface (xen/include/public/arch-x86/cpuid.h). The leaves are x86 facts but
// part of the public ABI, so they live with the other ABI definitions; Xen.Arch.X86 answers them.
//   base+0: EAX = largest Xen leaf, EBX:ECX:EDX = "XenVMMXenVMM"
//   base+1: EAX = major << 16 | minor
//   base+2: EAX = number of hypercall pages (1), EBX = MSR that installs one (0x40000000), ECX/EDX features
//   base+3: time (TSC mode, frequency) — sub-leaves
//   base+4: HVM features in EAX; EBX = vCPU id, ECX = domid when flagged
namespace Xen.Core.Public;

/// <summary>Xen CPUID leaf facts.</summary>
public static class XenCpuidLeaves
{
    /// <summary>XEN_CPUID_FIRST_LEAF.</summary>
    public const uint Base = 0x40000000;
    /// <summary>XEN_CPUID_MAX_NUM_LEAVES: leaves base+0 … base+4.</summary>
    public const uint MaxLeafOffset = 4;
    /// <summary>XEN_CPUID_SIGNATURE_EBX ("XenV").</summary>
    public const uint SignatureEbx = 0x566e6558;
    /// <summary>XEN_CPUID_SIGNATURE_ECX ("MMXe").</summary>
    public const uint SignatureEcx = 0x65584d4d;
    /// <summary>XEN_CPUID_SIGNATURE_EDX ("nVMM").</summary>
    public const uint SignatureEdx = 0x4d4d566e;
    /// <summary>The MSR base Xen reports in base+2 EBX; writing a page address to it installs the hypercall page.</summary>
    public const uint HypercallPageMsr = 0x40000000;
    /// <summary>XEN_HVM_CPUID_VCPU_ID_PRESENT (base+4 EAX): EBX holds the vCPU id.</summary>
    public const uint HvmVcpuIdPresent = 1u << 3;
    /// <summary>XEN_HVM_CPUID_DOMID_PRESENT (base+4 EAX): ECX holds the domid.</summary>
    public const uint HvmDomidPresent = 1u << 4;
}
