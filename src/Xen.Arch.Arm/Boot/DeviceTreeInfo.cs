// What boot needs from the device tree's /chosen node (and the GICv3 node's bases for the vGIC host side) (Devicetree Specification v0.4 §3.6; the initrd
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

    /// <summary>GICv3 distributor base: the first reg range of the root's child compatible with "arm,gic-v3"
    /// (Linux Documentation/devicetree/bindings/interrupt-controller/arm,gic-v3.yaml), or 0.</summary>
    public ulong GicDistributor;

    /// <summary>GICv3 redistributor region base: that node's second reg range, or 0.</summary>
    public ulong GicRedistributor;
}
