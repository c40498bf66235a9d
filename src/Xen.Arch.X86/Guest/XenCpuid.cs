// Xen's guest-visible CPUID (xen/include/public/arch-x86/cpuid.h) plus the policy for host leaves passed
// through: the guest must see that it runs on Xen (leaf 1 ECX[31] "hypervisor present", the 0x40000000
// leaves) and must not see what we do not virtualise (SVM itself: 8000_0001 ECX[2] and leaf 8000_000A;
// VMX: 1 ECX[5]; MONITOR/MWAIT: 1 ECX[3], which TCG mishandles; x2APIC: 1 ECX[21] and the APIC: 1 EDX[9],
// since no local APIC is emulated yet; XSAVE/OSXSAVE/AVX: 1 ECX[26,27,28] and AVX2/AVX-512 in leaf 7 EBX,
// because only the FXSAVE state is switched between guests so far — XSETBV is intercepted to match).
using Xen.Core.Public;

namespace Xen.Arch.X86.Guest;

/// <summary>CPUID results: EAX, EBX, ECX, EDX.</summary>
public struct CpuidResult
{
#pragma warning disable CS1591
    public uint Eax, Ebx, Ecx, Edx;
#pragma warning restore CS1591
}

/// <summary>The CPUID policy for guests.</summary>
public static class XenCpuid
{
    /// <summary>True when <paramref name="leaf"/> is answered by the hypervisor rather than the host CPU
    /// (the whole 0x40000000-0x400000FF block; leaves past base+4 read as zero).</summary>
    public static bool IsHypervisorLeaf(uint leaf) => (leaf & 0xFFFFFF00) == XenCpuidLeaves.Base;

    /// <summary>Answers a hypervisor leaf for vCPU <paramref name="vcpuId"/> of domain <paramref name="domid"/>.</summary>
    public static CpuidResult HypervisorLeaf(uint leaf, uint subleaf, int vcpuId, ushort domid)
    {
        var r = new CpuidResult();
        switch (leaf - XenCpuidLeaves.Base)
        {
            case 0:
                r.Eax = XenCpuidLeaves.Base + XenCpuidLeaves.MaxLeafOffset;
                r.Ebx = XenCpuidLeaves.SignatureEbx;
                r.Ecx = XenCpuidLeaves.SignatureEcx;
                r.Edx = XenCpuidLeaves.SignatureEdx;
                break;
            case 1:
                r.Eax = (uint)(XenVersionOp.Major << 16 | XenVersionOp.Minor);
                break;
            case 2:
                r.Eax = 1; // hypercall pages
                r.Ebx = XenCpuidLeaves.HypercallPageMsr;
                break;
            case 3:
                // Time leaf (sub-leaves 0-2): TSC mode 0 (native, no emulation), frequencies unknown yet.
                break;
            case 4:
                r.Eax = XenCpuidLeaves.HvmVcpuIdPresent | XenCpuidLeaves.HvmDomidPresent;
                r.Ebx = (uint)vcpuId;
                r.Ecx = domid;
                break;
        }
        return r;
    }

    /// <summary>Adjusts the host's answer for <paramref name="leaf"/> before the guest sees it.</summary>
    public static void FilterHostLeaf(uint leaf, ref CpuidResult r)
    {
        switch (leaf)
        {
            case 1:
                r.Ecx &= ~((1u << 3) | (1u << 5) | (1u << 21) | (1u << 26) | (1u << 27) | (1u << 28)); // MONITOR, VMX, x2APIC, XSAVE, OSXSAVE, AVX
                r.Ecx |= 1u << 31;                             // hypervisor present
                r.Edx &= ~(1u << 9);                           // APIC
                break;
            case 7:
                r.Ebx &= ~((1u << 5) | (1u << 16) | (1u << 17) | (1u << 21) | (1u << 26) | (1u << 27) | (1u << 28) | (1u << 30) | (1u << 31)); // AVX2, AVX-512 family
                break;
            case 0xD:
                r = default;                                   // XSAVE state enumeration
                break;
            case 0x80000001:
                r.Ecx &= ~(1u << 2);                           // SVM
                break;
            case 0x8000000A:
                r = default;                                   // SVM features
                break;
        }
    }
}
