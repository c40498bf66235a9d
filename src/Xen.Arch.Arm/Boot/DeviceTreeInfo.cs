// What boot needs from the device tree's /chosen node (Devicetree Specification v0.4 §3.6; the initrd
// properties are the Linux binding in Documentation/devicetree/bindings/chosen.txt, which QEMU follows).
using System;

namespace Xen.Arch.Arm.Boot;

/// <summary>Boot parameters read from the device tree. Spans point into the blob, so they live as long as it.</summary>
public ref struct DeviceTreeInfo
{
    /// <summary>/chosen/bootargs without its terminating NUL: the hypervisor command line (`-append`).</summary>
    public ReadOnlySpan<byte> BootArgs;

    /// <summary>/chosen/linux,initrd-start: physical address of the boot module (`-initrd`), or 0.</summary>
    public ulong InitrdStart;

    /// <summary>/chosen/linux,initrd-end: one past its last byte, or 0.</summary>
    public ulong InitrdEnd;

    /// <summary>Number of RAM ranges the /memory nodes contributed to the memory map.</summary>
    public int MemoryRanges;
}
