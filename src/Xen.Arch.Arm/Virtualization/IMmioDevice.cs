// The MMIO emulation seam: a device model behind a guest-physical window the stage-2 tables leave unmapped.
// A guest access there traps as a data abort with a valid syndrome; the exit handler decodes it and calls
// the device with the offset into its window. A device that rejects an access makes the exit handler
// crash the domain (as Xen does for an unhandled MMIO access when the syndrome is usable but nothing claims it).
using Xen.Core.Domains;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>An emulated MMIO device.</summary>
public interface IMmioDevice
{
    /// <summary>Reads <paramref name="size"/> bytes at <paramref name="offset"/>; false if the access is not allowed.</summary>
    bool Read(Vcpu vcpu, ulong offset, int size, out ulong value);

    /// <summary>Writes <paramref name="size"/> bytes of <paramref name="value"/> at <paramref name="offset"/>; false if not allowed.</summary>
    bool Write(Vcpu vcpu, ulong offset, int size, ulong value);
}
