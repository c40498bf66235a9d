using Xen.Arch.Arm.Virtualization;
using Xen.Arch.Arm.Virtualization.Gic;
using Xen.Core.Domains;

namespace Xen.Arch.Arm.Tests.Virtualization;

public sealed unsafe class SgiAndWfiTests
{
    // ESR for a trapped MSR (EC 0x18, IL) of op0 3, op1, CRn 12, CRm 11, op2 with register rt; write.
    private static ulong SysRegWrite(uint op1, uint op2, uint rt) =>
        0x18UL << 26 | 1UL << 25 | 3UL << 20 | (ulong)op2 << 17 | (ulong)op1 << 14 | 12UL << 10 | (ulong)rt << 5 | 11UL << 1;

    [Fact]
    public void The_sgi_registers_are_recognised_in_the_syndrome()
    {
        Assert.Equal(SgiRegister.Kind.Sgi1, SgiRegister.Classify(SysRegWrite(0, 5, 3), out int rt, out bool read));
        Assert.Equal(3, rt);
        Assert.False(read);
        Assert.Equal(SgiRegister.Kind.AlternateSgi1, SgiRegister.Classify(SysRegWrite(1, 6, 0), out _, out _));
        Assert.Equal(SgiRegister.Kind.Sgi0, SgiRegister.Classify(SysRegWrite(2, 7, 0), out _, out _));
        Assert.Equal(SgiRegister.Kind.Other, SgiRegister.Classify(SysRegWrite(0, 4, 0), out _, out _));
    }

    [Theory]
    [InlineData(0x0000_0000_0100_0002UL, 0, 4, 0b0010UL)]        // INTID 1 to Aff0 1
    [InlineData(0x0000_0000_0100_FFFFUL, 0, 4, 0b1111UL)]        // every listed CPU that exists
    [InlineData(0x0000_0100_0100_0000UL, 2, 4, 0b1011UL)]        // IRM: all but the sender
    [InlineData(0x0000_0000_0101_0001UL, 0, 4, 0UL)]             // Aff1 = 1: nobody in this flat domain
    [InlineData(0x0000_1000_0100_0001UL, 0, 32, 1UL << 16)]      // RS = 1: Aff0 16
    public void Target_lists_follow_icc_sgi1r(ulong value, int sender, int vcpus, ulong expected) =>
        Assert.Equal(expected, SgiRegister.TargetMask(value, sender, vcpus));

    [Fact]
    public void A_trapped_sgi1r_write_pends_the_sgi_on_the_target_and_yields()
    {
        using var v = new TestVcpu(2);
        var state = new ArmDomainState(0x1000, 1, v.Domain);
        v.Domain.Vcpus[1].State = VcpuState.Blocked;
        state.Vgic.Line(1, 1).Enabled = true;
        state.Vgic.DistributorControl = 2;
        v.Context->X[5] = 1UL << 24 | 0b10;
        v.Context->Vector = GuestExitHandler.VectorSync;
        v.Context->Esr = SysRegWrite(0, 5, 5);
        ulong pc = v.Context->Pc;
        Assert.True(GuestExitHandler.Handle(v.Vcpu, v.Context, state.Mmio, out VcpuExit exit, state.Vgic));
        Assert.Equal(VcpuExitKind.None, exit.Kind);
        Assert.Equal(pc + 4, v.Context->Pc);
        Assert.True(state.Vgic.IsPending(1, 1));
        Assert.Equal(VcpuState.Runnable, v.Domain.Vcpus[1].State);

        // To nonexistent vCPUs: nothing happens, the sender continues.
        v.Context->X[5] = 1UL << 24 | 0xFFFC;
        Assert.False(GuestExitHandler.Handle(v.Vcpu, v.Context, state.Mmio, out _, state.Vgic));
    }

    [Fact]
    public void Other_trapped_system_registers_crash_the_domain()
    {
        using var v = new TestVcpu();
        v.Context->Vector = GuestExitHandler.VectorSync;
        v.Context->Esr = SysRegWrite(0, 4, 0);
        Assert.True(GuestExitHandler.Handle(v.Vcpu, v.Context, v.Mmio.Mmio, out VcpuExit exit, v.Mmio.Vgic));
        Assert.Equal(VcpuExitKind.Fault, exit.Kind);
    }

    [Fact]
    public void Wfi_blocks_until_an_interrupt_is_pending_and_returns_at_once_when_one_is()
    {
        using var v = new TestVcpu();
        Vgic vgic = v.Mmio.Vgic;
        const ulong wfi = 0x01UL << 26 | 1UL << 25;
        Assert.True(v.Exit(wfi, out VcpuExit exit)); // without a vGIC the core's Halt path
        Assert.Equal(VcpuExitKind.Halt, exit.Kind);

        v.Context->Esr = wfi;
        Assert.True(GuestExitHandler.Handle(v.Vcpu, v.Context, v.Mmio.Mmio, out exit, vgic));
        Assert.Equal(VcpuExitKind.None, exit.Kind);
        Assert.Equal(VcpuState.Blocked, v.Vcpu.State);

        v.Vcpu.State = VcpuState.Runnable;
        vgic.DistributorControl = 2;
        vgic.Line(0, 27).Enabled = true;
        vgic.Pend(0, 27);
        Assert.False(GuestExitHandler.Handle(v.Vcpu, v.Context, v.Mmio.Mmio, out _, vgic));
        Assert.Equal(VcpuState.Runnable, v.Vcpu.State);
    }

    [Fact]
    public void Cpu_suspend_waits_like_wfi()
    {
        using var v = new TestVcpu();
        v.Context->X[0] = GuestPsci.CpuSuspend;
        v.Context->Vector = GuestExitHandler.VectorSync;
        v.Context->Esr = 0x16UL << 26 | 1UL << 25; // HVC #0
        Assert.True(GuestExitHandler.Handle(v.Vcpu, v.Context, v.Mmio.Mmio, out _, v.Mmio.Vgic));
        Assert.Equal(0UL, v.Context->X[0]);
        Assert.Equal(VcpuState.Blocked, v.Vcpu.State);
    }
}
