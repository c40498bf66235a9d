// Where and how a vCPU starts. Arch-neutral: the builder decides entry point and boot-info address; the arch
// backend turns the mode into registers (for PVH on x86: docs/misc/pvh.pandoc — 32-bit flat protected mode,
// paging off, CR0 = PE|ET, EBX = start info). Secondary vCPUs of an HVM/PVH guest start from the register
// state the guest passed to VCPUOP_initialise (public/hvm/hvm_vcpu.h, vcpu_hvm_context): the Hvm32/Hvm64
// modes carry those registers; the x86 backend loads them as Xen's arch_set_info_hvm_guest does.
namespace Xen.Core.Domains;

/// <summary>How a kernel expects to be entered.</summary>
public enum VcpuBootMode
{
    /// <summary>x86 PVH: 32-bit protected mode, flat 4 GiB segments, paging off, EBX = start info.</summary>
    Pvh32 = 1,
    /// <summary>VCPU_HVM_MODE_32B: the given CRs, EFER, GPRs and cs/ds/ss/es/tr segments.</summary>
    Hvm32 = 2,
    /// <summary>VCPU_HVM_MODE_64B: long mode (64-bit flat code segment, flat data, busy 64-bit TSS) with the
    /// given CRs, EFER and GPRs.</summary>
    Hvm64 = 3,
}

/// <summary>A segment register's hidden state (vcpu_hvm_x86_32 *_base, *_limit, *_ar).</summary>
public struct VcpuSegment
{
    /// <summary>Base address.</summary>
    public ulong Base;
    /// <summary>Limit (bytes, already as the guest gave it; G scales it in hardware).</summary>
    public uint Limit;
    /// <summary>Attributes in hvm_vcpu.h _ar form (= VMCB/VMX attribute layout): type, s, dpl, p, avl, l, db, g.</summary>
    public ushort Attributes;
    /// <summary>Explicit padding.</summary>
    public ushort Unused;
}

/// <summary>The initial state of a vCPU.</summary>
public struct VcpuBootState
{
    /// <summary>Entry mode.</summary>
    public VcpuBootMode Mode;
    /// <summary>Guest-physical entry point (Pvh32) / the initial RIP (Hvm32, Hvm64).</summary>
    public ulong EntryPoint;
    /// <summary>Guest-physical address of the boot information (PVH: hvm_start_info).</summary>
    public ulong BootInfoAddress;

    /// <summary>Control registers and EFER (Hvm32/Hvm64).</summary>
    public ulong Cr0, Cr3, Cr4, Efer;
    /// <summary>RFLAGS (Hvm32/Hvm64).</summary>
    public ulong Rflags;
    /// <summary>General registers (Hvm32/Hvm64; 32-bit values zero-extended).</summary>
    public ulong Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi;
    /// <summary>Segments (Hvm32; Hvm64 uses fixed flat long-mode segments).</summary>
    public VcpuSegment Cs, Ds, Ss, Es, Tr;
}
