using Xen.Arch.Arm.Virtualization.Gic;
using Xen.Core.Domains;
using Xen.Core.Memory;

namespace Xen.Arch.Arm.Tests.Virtualization;

public sealed class VgicTests
{
    private static Vgic Enabled(int vcpus = 1, Domain? domain = null)
    {
        var vgic = new Vgic(vcpus, domain) { DistributorControl = 2 };
        for (int v = 0; v < vcpus; v++)
            for (uint i = 0; i < 32; i++) vgic.Line(v, i).Enabled = true;
        return vgic;
    }

    [Fact]
    public void A_pending_enabled_interrupt_goes_into_a_list_register_and_an_eoi_releases_it()
    {
        Vgic vgic = Enabled();
        var hw = new FakeGicCpuInterface();
        vgic.Line(0, 27).Priority = 0xA0;
        Assert.True(vgic.Pend(0, 27));
        vgic.Load(0, hw);
        int slot = hw.Find(27);
        Assert.True(slot >= 0);
        Assert.Equal(ListRegister.StatePending, ListRegister.State(hw.Lr[slot]));
        Assert.Equal(0xA0, ListRegister.Priority(hw.Lr[slot]));
        Assert.Equal(ListRegister.Group1, hw.Lr[slot] & ListRegister.Group1);
        Assert.Equal(Vgic.ControlEnable, hw.Control);

        hw.Acknowledge(slot);
        vgic.Save(0, hw);
        Assert.True(vgic.IsActive(0, 27));
        Assert.False(vgic.IsPending(0, 27));
        hw.End(slot);
        vgic.Save(0, hw);
        Assert.False(vgic.IsActive(0, 27));
        Assert.Equal(-1, vgic.Line(0, 27).ListRegister);
    }

    [Fact]
    public void Disabled_lines_and_a_disabled_distributor_deliver_nothing()
    {
        var vgic = new Vgic(1, null);
        var hw = new FakeGicCpuInterface();
        vgic.Pend(0, 27);
        vgic.Load(0, hw);
        Assert.Equal(-1, hw.Find(27));
        Assert.False(vgic.HasDeliverable(0));
        vgic.Line(0, 27).Enabled = true;
        Assert.False(vgic.HasDeliverable(0)); // GICD_CTLR group 1 still off
        vgic.DistributorControl = 1;
        vgic.WakeIfDeliverable(0);
        Assert.True(vgic.HasDeliverable(0));
        vgic.Load(0, hw);
        Assert.True(hw.Find(27) >= 0);
    }

    [Fact]
    public void More_pending_than_list_registers_fills_by_priority_and_asks_for_an_underflow_interrupt()
    {
        Vgic vgic = Enabled();
        var hw = new FakeGicCpuInterface(4);
        byte[] priorities = { 0x80, 0x20, 0xF0, 0x40, 0x60 };
        for (uint i = 0; i < 5; i++)
        {
            vgic.Line(0, 16 + i).Priority = priorities[i];
            vgic.Pend(0, 16 + i);
        }
        vgic.Load(0, hw);
        Assert.Equal(-1, hw.Find(18)); // 0xF0: the least urgent waits
        Assert.True(hw.Find(17) >= 0 && hw.Find(19) >= 0 && hw.Find(20) >= 0 && hw.Find(16) >= 0);
        Assert.Equal(Vgic.ControlEnable | Vgic.ControlUnderflow, hw.Control);

        int slot = hw.Find(17);
        hw.Acknowledge(slot);
        hw.End(slot);
        vgic.Save(0, hw);
        Assert.Equal(Vgic.ControlEnable, hw.Control); // no underflow interrupt while the hypervisor runs
        vgic.Load(0, hw);
        Assert.True(hw.Find(18) >= 0);
        Assert.Equal(Vgic.ControlEnable, hw.Control);
    }

    [Fact]
    public void A_more_urgent_interrupt_evicts_a_merely_pending_less_urgent_one()
    {
        Vgic vgic = Enabled();
        var hw = new FakeGicCpuInterface(2);
        vgic.Line(0, 20).Priority = 0xC0;
        vgic.Line(0, 21).Priority = 0xC0;
        vgic.Pend(0, 20);
        vgic.Pend(0, 21);
        vgic.Load(0, hw);
        vgic.Save(0, hw);
        vgic.Line(0, 5).Priority = 0x10;
        vgic.Pend(0, 5);
        vgic.Load(0, hw);
        Assert.True(hw.Find(5) >= 0);
        Assert.True(vgic.Line(0, 20).Pending ^ vgic.Line(0, 21).Pending); // one went back to software pending
    }

    [Fact]
    public void Pending_again_while_active_becomes_pending_and_active()
    {
        Vgic vgic = Enabled();
        var hw = new FakeGicCpuInterface();
        vgic.Pend(0, 31);
        vgic.Load(0, hw);
        int slot = hw.Find(31);
        hw.Acknowledge(slot);
        vgic.Save(0, hw);
        vgic.Pend(0, 31);
        vgic.Load(0, hw);
        Assert.Equal(ListRegister.StatePendingActive, ListRegister.State(hw.Lr[slot]));
        Assert.Equal(1, CountValid(hw));
    }

    [Fact]
    public void Pending_an_enabled_interrupt_wakes_a_blocked_vcpu_and_an_unknown_intid_is_refused()
    {
        var domain = new Domain(1, "d1", new P2m(16), 2, new CapturedConsole());
        Vgic vgic = Enabled(2, domain);
        domain.Vcpus[1].State = VcpuState.Blocked;
        Assert.False(vgic.Pend(1, Vgic.IntidLimit));
        Assert.False(vgic.Pend(2, 27));
        Assert.True(vgic.Pend(1, 27));
        Assert.Equal(VcpuState.Runnable, domain.Vcpus[1].State);
    }

    [Fact]
    public void The_virtual_interface_state_is_switched_only_between_vcpus()
    {
        Vgic vgic = Enabled(2);
        var hw = new FakeGicCpuInterface();
        vgic.Cpus[1].Vmcr = 0x1111;
        vgic.Load(0, hw);
        hw.Vmcr = 0xF0000001; // vCPU 0's guest set its PMR and group enable
        vgic.Save(0, hw);
        vgic.Load(0, hw);
        Assert.Equal(0xF0000001UL, hw.Vmcr); // same vCPU: left alone
        vgic.Load(1, hw);
        Assert.Equal(0x1111UL, hw.Vmcr);
        Assert.Equal(0xF0000001UL, vgic.Cpus[0].Vmcr);
        vgic.ResetCpu(1);
        vgic.Load(1, hw);
        Assert.Equal(0UL, hw.Vmcr);
    }

    [Fact]
    public void A_level_line_stays_pending_after_each_eoi_until_its_source_drops_it()
    {
        Vgic vgic = Enabled();
        var hw = new FakeGicCpuInterface();
        vgic.Line(0, Vgic.Vpl011Spi).Enabled = true;
        vgic.SetLevel(0, Vgic.Vpl011Spi, true);
        vgic.Load(0, hw);
        int slot = hw.Find(Vgic.Vpl011Spi);
        hw.Acknowledge(slot);
        hw.End(slot);
        vgic.Save(0, hw);
        vgic.Load(0, hw);
        Assert.True(hw.Find(Vgic.Vpl011Spi) >= 0); // still high: delivered again
        vgic.SetLevel(0, Vgic.Vpl011Spi, false);
        slot = hw.Find(Vgic.Vpl011Spi);
        hw.Acknowledge(slot);
        hw.End(slot);
        vgic.Save(0, hw);
        vgic.Load(0, hw);
        Assert.Equal(-1, hw.Find(Vgic.Vpl011Spi));
    }

    private static int CountValid(FakeGicCpuInterface hw)
    {
        int n = 0;
        for (int i = 0; i < hw.ListRegisterCount; i++)
            if (ListRegister.State(hw.Lr[i]) != ListRegister.StateInvalid) n++;
        return n;
    }
}
