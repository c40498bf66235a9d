// Where and how a vCPU starts. Arch-neutral: the builder decides entry point and boot-info address; the arch
// backend turns the mode into registers (for PVH on x86: docs/misc/pvh.pandoc — 32-bit flat protected mode,
// paging off, CR0 = PE|ET, EBX = start info).
namespace Xen.Core.Domains;

/// <summary>How a kernel expects to be entered.</summary>
public enum VcpuBootMode
{
    /// <summary>x86 PVH: 32-bit protected mode, flat 4 GiB segments, paging off, EBX = start info.</summary>
    Pvh32 = 1,
}

/// <summary>The initial state of a vCPU.</summary>
public struct VcpuBootState
{
    /// <summary>Entry mode.</summary>
    public VcpuBootMode Mode;
    /// <summary>Guest-physical entry point.</summary>
    public ulong EntryPoint;
    /// <summary>Guest-physical address of the boot information (PVH: hvm_start_info).</summary>
    public ulong BootInfoAddress;
}
