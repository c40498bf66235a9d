using Xen.Arch.Arm.Virtualization;
using Xen.Arch.Arm.Virtualization.Gic;
using Xen.Core.Domains;

namespace Xen.Arch.Arm.Tests.Virtualization;

public sealed class VgicMmioTests
{
    [Fact]
    public void Distributor_identifies_as_gicv3_with_affinity_routing_and_96_intids()
    {
        using var v = new TestVcpu();
        var gicd = new VgicDistributor(v.Mmio.Vgic);
        Assert.True(gicd.Read(v.Vcpu, VgicDistributor.PIDR2, 4, out ulong pidr2));
        Assert.Equal(3UL, (pidr2 >> 4) & 0xF);
        Assert.True(gicd.Read(v.Vcpu, VgicDistributor.TYPER, 4, out ulong typer));
        Assert.Equal(2UL, typer & 0x1F);
        Assert.True(gicd.Write(v.Vcpu, VgicDistributor.CTLR, 4, 0x13));
        Assert.True(gicd.Read(v.Vcpu, VgicDistributor.CTLR, 4, out ulong ctlr));
        Assert.Equal(0x13UL, ctlr);
        Assert.True(v.Mmio.Vgic.Group1Enabled);
    }

    [Fact]
    public void Distributor_spi_registers_set_clear_priority_and_route()
    {
        using var v = new TestVcpu();
        Vgic vgic = v.Mmio.Vgic;
        var gicd = new VgicDistributor(vgic);
        Assert.True(gicd.Write(v.Vcpu, VgicDistributor.ISENABLER + 4, 4, 1)); // INTID 32
        Assert.True(vgic.Line(0, 32).Enabled);
        Assert.True(gicd.Read(v.Vcpu, VgicDistributor.ICENABLER + 4, 4, out ulong enabled));
        Assert.Equal(1UL, enabled);
        Assert.True(gicd.Write(v.Vcpu, VgicDistributor.ICENABLER + 4, 4, 1));
        Assert.False(vgic.Line(0, 32).Enabled);
        Assert.True(gicd.Write(v.Vcpu, VgicDistributor.IPRIORITYR + 33, 1, 0x40));
        Assert.Equal(0x40, vgic.Line(0, 33).Priority);
        Assert.True(gicd.Read(v.Vcpu, VgicDistributor.IPRIORITYR + 32, 4, out ulong priorities));
        Assert.Equal(0x4000UL, priorities);
        Assert.True(gicd.Write(v.Vcpu, VgicDistributor.ISPENDR + 4, 4, 2));
        Assert.True(vgic.IsPending(0, 33));
        Assert.True(gicd.Write(v.Vcpu, VgicDistributor.IROUTER + 8 * 40, 8, 0));
        Assert.True(gicd.Read(v.Vcpu, VgicDistributor.IROUTER + 8 * 40, 8, out ulong route));
        Assert.Equal(0UL, route);
        Assert.True(gicd.Write(v.Vcpu, VgicDistributor.ICFGR + 8, 4, 0x2)); // INTID 32 edge
        Assert.True(vgic.Line(0, 32).Edge);
    }

    [Fact]
    public void Distributor_private_words_are_raz_wi_unknown_offsets_too_and_bad_sizes_are_refused()
    {
        using var v = new TestVcpu();
        var gicd = new VgicDistributor(v.Mmio.Vgic);
        Assert.True(gicd.Write(v.Vcpu, VgicDistributor.ISENABLER, 4, 0xFFFFFFFF));
        Assert.False(v.Mmio.Vgic.Line(0, 27).Enabled);
        Assert.True(gicd.Read(v.Vcpu, 0x5000, 4, out ulong raz));
        Assert.Equal(0UL, raz);
        Assert.True(gicd.Write(v.Vcpu, 0x5000, 4, 1));
        Assert.False(gicd.Read(v.Vcpu, VgicDistributor.CTLR, 2, out _));
        Assert.False(gicd.Write(v.Vcpu, VgicDistributor.ISENABLER + 4, 8, 1));
        Assert.False(gicd.Write(v.Vcpu, VgicDistributor.IPRIORITYR + 32, 2, 1));
    }

    [Fact]
    public void Redistributor_frames_describe_each_vcpu_and_the_last_one()
    {
        using var v = new TestVcpu(2);
        var state = new ArmDomainState(0x1000, 1, v.Domain);
        var gicr = new VgicRedistributor(state.Vgic);
        Assert.True(gicr.Read(v.Vcpu, VgicRedistributor.TYPER, 8, out ulong typer0));
        Assert.True(gicr.Read(v.Vcpu, VgicRedistributor.Stride + VgicRedistributor.TYPER, 8, out ulong typer1));
        Assert.Equal(0UL, typer0 & (1 << 4));
        Assert.Equal(1UL << 4, typer1 & (1 << 4));
        Assert.Equal(1UL, typer1 >> 32);                // Aff0 = 1
        Assert.Equal(1UL, (typer1 >> 8) & 0xFFFF);      // Processor_Number
        Assert.True(gicr.Read(v.Vcpu, VgicRedistributor.Stride + VgicRedistributor.TYPER + 4, 4, out ulong high));
        Assert.Equal(1UL, high);
        Assert.True(gicr.Read(v.Vcpu, 2 * VgicRedistributor.Stride + VgicRedistributor.TYPER, 8, out ulong missing));
        Assert.Equal(0UL, missing);
        Assert.True(gicr.Read(v.Vcpu, VgicRedistributor.PIDR2, 4, out ulong pidr2));
        Assert.Equal(0x3BUL, pidr2);
    }

    [Fact]
    public void Redistributor_wakes_and_enables_the_private_interrupts_of_its_own_vcpu()
    {
        using var v = new TestVcpu(2);
        var state = new ArmDomainState(0x1000, 1, v.Domain);
        var gicr = new VgicRedistributor(state.Vgic);
        ulong frame1 = VgicRedistributor.Stride;
        Assert.True(gicr.Read(v.Vcpu, frame1 + VgicRedistributor.WAKER, 4, out ulong waker));
        Assert.Equal((ulong)(VgicRedistributor.ProcessorSleep | VgicRedistributor.ChildrenAsleep), waker);
        Assert.True(gicr.Write(v.Vcpu, frame1 + VgicRedistributor.WAKER, 4, 0));
        Assert.True(gicr.Read(v.Vcpu, frame1 + VgicRedistributor.WAKER, 4, out waker));
        Assert.Equal(0UL, waker);
        Assert.True(gicr.Write(v.Vcpu, frame1 + VgicRedistributor.ISENABLER0, 4, 1u << 27));
        Assert.True(state.Vgic.Line(1, 27).Enabled);
        Assert.False(state.Vgic.Line(0, 27).Enabled);
        Assert.True(gicr.Write(v.Vcpu, frame1 + VgicRedistributor.IPRIORITYR + 27, 1, 0xA0));
        Assert.Equal(0xA0, state.Vgic.Line(1, 27).Priority);
        Assert.True(gicr.Read(v.Vcpu, frame1 + VgicRedistributor.ICFGR0, 4, out ulong sgiConfig));
        Assert.Equal(0xAAAAAAAAUL, sgiConfig); // SGIs are edge-triggered
        Assert.False(gicr.Write(v.Vcpu, frame1 + VgicRedistributor.ISENABLER0, 1, 1));
        Assert.True(gicr.Write(v.Vcpu, 5 * VgicRedistributor.Stride + VgicRedistributor.ISENABLER0, 4, 1)); // no such vCPU: WI
    }

    [Fact]
    public void The_domain_bus_routes_gicd_and_gicr_windows()
    {
        using var v = new TestVcpu();
        Assert.IsType<VgicDistributor>(v.Mmio.Mmio.Find(0x03001000 + 0xFFE8, out ulong offset));
        Assert.Equal(0xFFE8UL, offset);
        Assert.IsType<VgicRedistributor>(v.Mmio.Mmio.Find(0x03020000 + 0x30000, out offset));
        Assert.Equal(0x30000UL, offset);
    }
}
