// The device tree a domain boots with, as Xen's toolstack writes it for Arm guests (libxl's make_*_node
// functions; bindings from Linux Documentation/devicetree/bindings): root #address-cells/#size-cells 2 and
// interrupt-parent = the GIC; /cpus with one cpu@N per vCPU (reg = MPIDR Aff0, enable-method "psci"); /psci
// (arm,psci-1.0, method "hvc"); /memory@40000000; the GICv3 node (distributor + redistributor region,
// #interrupt-cells 3: type (0 SPI, 1 PPI), number (SPI - 32 / PPI - 16), flags); the arch timer (PPIs 13, 14,
// 11, 10 = INTIDs 29, 30, 27, 26, level-low 0x8 with CPU mask 0xf as Xen writes them); the vpl011 (arm,sbsa-uart
// at GUEST_PL011_BASE, SPI GUEST_VPL011_SPI 32 level-high); /hypervisor (compatible "xen,xen-4.7", "xen,xen",
// reg = the grant-table window GUEST_GNTTAB_BASE 0x38000000 size 0x01000000, interrupts = GUEST_EVTCHN_PPI 31);
// /chosen with bootargs and, when the domain has a ramdisk, linux,initrd-start/-end (Linux
// Documentation/devicetree/bindings/chosen.txt: 64-bit values here). The blob is placed 2 MiB below the end of RAM, 8-byte aligned and at most 2 MiB as the
// arm64 boot protocol requires (Linux Documentation/arch/arm64/booting.rst §2 "Setup the device tree").
using System;
using Xen.Arch.Arm.Virtualization.Gic;
using Xen.Core.Memory;

namespace Xen.Arch.Arm.Virtualization.DeviceTree;

/// <summary>Writes a domain's device tree.</summary>
public static class GuestDeviceTree
{
    /// <summary>The GIC's phandle (Xen's GUEST_GIC_PHANDLE 65000).</summary>
    public const uint GicPhandle = 65000;
    /// <summary>GUEST_GNTTAB_BASE / GUEST_GNTTAB_SIZE (arch-arm.h).</summary>
    public const ulong GrantTableBase = 0x38000000, GrantTableSize = 0x01000000;
    /// <summary>Interrupt specifier flags: IRQ_TYPE_LEVEL_HIGH 4, IRQ_TYPE_LEVEL_LOW 8 (dt-bindings/interrupt-controller/irq.h).</summary>
    public const uint LevelHigh = 4, LevelLow = 8;
    /// <summary>Bytes kept for the blob below the end of RAM.</summary>
    public const ulong Window = 2UL << 20;

    /// <summary>Writes the tree for <paramref name="vcpus"/> vCPUs and <paramref name="ramBytes"/> of RAM at
    /// GUEST_RAM0_BASE into <paramref name="output"/>; its size, or -1 if it does not fit.</summary>
    public static int Write(Span<byte> output, ulong ramBytes, int vcpus, ReadOnlySpan<byte> bootArgs, ulong initrdStart = 0, ulong initrdEnd = 0)
    {
        var w = new FdtWriter();
        w.BeginNode("");
        w.Strings("compatible", "xen,xenvm-4.7", "xen,xenvm");
        w.Strings("model", "XENVM-4.7");
        w.Cell("#address-cells", 2);
        w.Cell("#size-cells", 2);
        w.Cell("interrupt-parent", GicPhandle);

        w.BeginNode("chosen");
        Span<byte> args = stackalloc byte[bootArgs.Length + 1];
        bootArgs.CopyTo(args);
        args[bootArgs.Length] = 0;
        w.Property("bootargs", args);
        w.Strings("stdout-path", "/pl011@22000000");
        if (initrdEnd > initrdStart)
        {
            Span<uint> initrd = stackalloc uint[2];
            initrd[0] = (uint)(initrdStart >> 32);
            initrd[1] = (uint)initrdStart;
            w.Cells("linux,initrd-start", initrd);
            initrd[0] = (uint)(initrdEnd >> 32);
            initrd[1] = (uint)initrdEnd;
            w.Cells("linux,initrd-end", initrd);
        }
        w.EndNode();

        w.BeginNode("cpus");
        w.Cell("#address-cells", 1);
        w.Cell("#size-cells", 0);
        for (int i = 0; i < vcpus; i++)
        {
            w.BeginNode(CpuName(i));
            w.Strings("device_type", "cpu");
            w.Strings("compatible", "arm,armv8");
            w.Strings("enable-method", "psci");
            w.Cell("reg", (uint)i); // MPIDR Aff0 (GuestPsci.MpidrOf without the RES1 bit)
            w.EndNode();
        }
        w.EndNode();

        w.BeginNode("psci");
        w.Strings("compatible", "arm,psci-1.0", "arm,psci-0.2");
        w.Strings("method", "hvc");
        w.EndNode();

        w.BeginNode("memory@40000000");
        w.Strings("device_type", "memory");
        Span<uint> reg = stackalloc uint[8];
        Range(reg, 0, ArmGuestBuilder.RamBase, ramBytes);
        w.Cells("reg", reg.Slice(0, 4));
        w.EndNode();

        w.BeginNode("interrupt-controller@3001000");
        w.Strings("compatible", "arm,gic-v3");
        w.Cell("#interrupt-cells", 3);
        w.Cell("#address-cells", 0);
        w.Empty("interrupt-controller");
        Range(reg, 0, VgicDistributor.GuestBase, VgicDistributor.GuestSize);
        Range(reg, 4, VgicRedistributor.GuestBase, VgicRedistributor.GuestSize);
        w.Cells("reg", reg);
        w.Cell("linux,phandle", GicPhandle);
        w.Cell("phandle", GicPhandle);
        w.EndNode();

        w.BeginNode("timer");
        w.Strings("compatible", "arm,armv8-timer");
        Span<uint> timer = stackalloc uint[12];
        Ppi(timer, 0, Vgic.PhysicalSecureTimerPpi);
        Ppi(timer, 3, Vgic.PhysicalTimerPpi);
        Ppi(timer, 6, Vgic.VirtualTimerPpi);
        Ppi(timer, 9, 26); // the hypervisor timer, PPI 10
        w.Cells("interrupts", timer);
        w.Cell("interrupt-parent", GicPhandle);
        w.EndNode();

        w.BeginNode("pl011@22000000");
        w.Strings("compatible", "arm,sbsa-uart");
        Range(reg, 0, Vpl011.GuestBase, Vpl011.GuestSize);
        w.Cells("reg", reg.Slice(0, 4));
        Span<uint> spi = stackalloc uint[3];
        spi[0] = 0;
        spi[1] = Vgic.Vpl011Spi - 32;
        spi[2] = LevelHigh;
        w.Cells("interrupts", spi);
        w.Cell("interrupt-parent", GicPhandle);
        // Linux's sbsa-uart driver refuses a node without current-speed (-EINVAL: no console, init dies);
        // Xen's make_vpl011_uart_node writes 115200 as well.
        w.Cell("current-speed", 115200);
        w.EndNode();

        w.BeginNode("hypervisor");
        w.Strings("compatible", "xen,xen-4.7", "xen,xen");
        Range(reg, 0, GrantTableBase, GrantTableSize);
        w.Cells("reg", reg.Slice(0, 4));
        Span<uint> evtchn = stackalloc uint[3];
        Ppi(evtchn, 0, Vgic.EventChannelPpi);
        w.Cells("interrupts", evtchn);
        w.Cell("interrupt-parent", GicPhandle);
        w.EndNode();

        w.EndNode();
        return w.Finish(output);
    }

    /// <summary>Writes the tree into the domain's RAM (2 MiB below its end); returns its guest-physical address,
    /// or 0 when it could not be written (the guest then boots with x0 = 0, as before device trees).</summary>
    public static ulong Place(P2m p2m, ulong ramBytes, int vcpus, ReadOnlySpan<byte> bootArgs, ulong initrdStart = 0, ulong initrdEnd = 0)
    {
        if (ramBytes < 2 * Window) return 0;
        byte[] blob = new byte[16384];
        int size = Write(blob, ramBytes, vcpus, bootArgs, initrdStart, initrdEnd);
        if (size <= 0) return 0;
        ulong address = ArmGuestBuilder.RamBase + ramBytes - Window;
        return p2m.Write(address, new ReadOnlySpan<byte>(blob, 0, size)) == 0 ? address : 0;
    }

    private static string CpuName(int i) => i switch
    {
        0 => "cpu@0", 1 => "cpu@1", 2 => "cpu@2", 3 => "cpu@3", 4 => "cpu@4", 5 => "cpu@5", 6 => "cpu@6", _ => "cpu@7",
    };

    // <address-hi address-lo size-hi size-lo> for #address-cells = #size-cells = 2.
    private static void Range(Span<uint> cells, int at, ulong address, ulong size)
    {
        cells[at] = (uint)(address >> 32);
        cells[at + 1] = (uint)address;
        cells[at + 2] = (uint)(size >> 32);
        cells[at + 3] = (uint)size;
    }

    // <1 (PPI) number flags>: PPI n = INTID 16 + n; level-low with all CPUs (0xf << 8), as Xen writes timers.
    private static void Ppi(Span<uint> cells, int at, uint intid)
    {
        cells[at] = 1;
        cells[at + 1] = intid - 16;
        cells[at + 2] = 0xF00 | LevelLow;
    }
}
