// The guest side of the GICv3 Xen gives Arm domains (xen/include/public/arch-arm.h: GICD at 0x03001000, one
// 128 KiB redistributor frame pair per vCPU from 0x03020000), programmed as Arm IHI 0069 describes: the
// distributor with affinity routing and group 1 (GICD_CTLR ARE_NS | EnableGrp1A | EnableGrp1), each CPU's
// redistributor woken (GICR_WAKER.ProcessorSleep cleared, ChildrenAsleep polled) with its SGIs/PPIs given a
// priority and enabled, and the CPU interface through the ICC_* system registers (GuestCpu.s).
namespace Xen.Guest.Arm.Kit;

internal static class GuestGic
{
    internal const ulong Distributor = 0x03001000, Redistributors = 0x03020000, Stride = 0x20000, SgiBase = 0x10000;
    internal const uint VirtualTimerPpi = 27, EventChannelPpi = 31;
    private const ulong Waker = 0x14, Isenabler0 = SgiBase + 0x100, Ipriorityr = SgiBase + 0x400;

    /// <summary>Distributor: affinity routing, both group-1 enables.</summary>
    internal static void InitializeDistributor() => GuestCpu.MmioWrite32(Distributor, 1u << 4 | 1u << 1 | 1u << 0);

    /// <summary>This CPU's redistributor and CPU interface: awake, SGIs/PPIs at priority 0xA0, PMR open.</summary>
    internal static void InitializeCpu(int cpu)
    {
        ulong rd = Redistributors + (ulong)cpu * Stride;
        GuestCpu.MmioWrite32(rd + Waker, GuestCpu.MmioRead32(rd + Waker) & ~(1u << 1));
        for (int spin = 0; spin < 100000 && (GuestCpu.MmioRead32(rd + Waker) & (1u << 2)) != 0; spin++) { }
        for (ulong i = 0; i < 32; i += 4) GuestCpu.MmioWrite32(rd + Ipriorityr + i, 0xA0A0A0A0);
        GuestCpu.GicCpuInit();
    }

    /// <summary>Enables private interrupt <paramref name="intid"/> (0-31) on <paramref name="cpu"/>.</summary>
    internal static void Enable(int cpu, uint intid) =>
        GuestCpu.MmioWrite32(Redistributors + (ulong)cpu * Stride + Isenabler0, 1u << (int)intid);

    /// <summary>ICC_SGI1R_EL1: SGI <paramref name="intid"/> to the CPUs (Aff0) in <paramref name="targets"/>.</summary>
    internal static void SendSgi(uint intid, uint targets) => GuestCpu.WriteSgi1r((ulong)(intid & 0xF) << 24 | (targets & 0xFFFF));

    /// <summary>This CPU's number (MPIDR_EL1.Aff0).</summary>
    internal static int CurrentCpu => (int)(GuestCpu.Mpidr() & 0xFF);
}
