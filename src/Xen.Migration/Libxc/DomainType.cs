// Why: the domain header's type field (libxc-migration-stream.pandoc "Domain Header").
namespace Xen.Migration.Libxc;

/// <summary>Domain type in the libxc domain header.</summary>
public enum DomainType : uint
{
    /// <summary>x86 paravirtualised guest.</summary>
    X86Pv = 1,
    /// <summary>x86 hardware-virtualised guest.</summary>
    X86Hvm = 2,
    /// <summary>x86 PVH guest (type 3 of the spec; an HVM container without an emulator).</summary>
    X86Pvh = 3,
    /// <summary>ARM guest.</summary>
    Arm = 4,
}
