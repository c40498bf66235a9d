using Xen.Arch.Arm.Virtualization;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Arch.Arm.Tests.Virtualization;

public sealed unsafe class GuestPsciTests
{
    [Theory]
    [InlineData(0x84000000u, 0x10000L)]      // PSCI_VERSION 1.0
    [InlineData(0x84000006u, 2L)]            // MIGRATE_INFO_TYPE: not required
    [InlineData(0x84000005u, -1L)]           // MIGRATE: not supported
    [InlineData(0x8400001Fu, -1L)]
    public void Simple_functions_answer_per_den0022(uint function, long expected)
    {
        using var v = new TestVcpu();
        Assert.Equal(expected, GuestPsci.Handle(v.Vcpu, function, 0, out GuestPsci.Effect effect, out _));
        Assert.Equal(GuestPsci.Effect.None, effect);
    }

    [Fact]
    public void Psci_features_reports_implemented_functions_only()
    {
        using var v = new TestVcpu();
        Assert.Equal(0, GuestPsci.Handle(v.Vcpu, GuestPsci.Features, GuestPsci.SystemOff, out _, out _));
        Assert.Equal(0, GuestPsci.Handle(v.Vcpu, GuestPsci.Features, GuestPsci.CpuOn | GuestPsci.Smc64, out _, out _));
        Assert.Equal(0, GuestPsci.Handle(v.Vcpu, GuestPsci.Features, GuestPsci.CpuSuspend, out _, out _));
        Assert.Equal(-1, GuestPsci.Handle(v.Vcpu, GuestPsci.Features, 0x84000005, out _, out _));
    }

    [Fact]
    public void Cpu_suspend_succeeds_and_asks_the_caller_to_wait_like_wfi()
    {
        using var v = new TestVcpu();
        Assert.Equal(0, GuestPsci.Handle(v.Vcpu, GuestPsci.CpuSuspend | GuestPsci.Smc64, 0, out GuestPsci.Effect effect, out _));
        Assert.Equal(GuestPsci.Effect.Suspend, effect);
    }

    [Fact]
    public void Range_check_covers_smc32_and_smc64_ids()
    {
        Assert.True(GuestPsci.IsPsci(0x84000000));
        Assert.True(GuestPsci.IsPsci(0xC4000003));
        Assert.False(GuestPsci.IsPsci(0x84000020));
        Assert.False(GuestPsci.IsPsci(0x82000000));
    }

    [Fact]
    public void System_reset_reboots_the_domain()
    {
        using var v = new TestVcpu();
        GuestPsci.Handle(v.Vcpu, GuestPsci.SystemReset, 0, out GuestPsci.Effect effect, out _);
        Assert.Equal(GuestPsci.Effect.DomainShutDown, effect);
        Assert.Equal(ShutdownReason.Reboot, v.Domain.ShutdownReason);
    }

    [Fact]
    public void Cpu_on_starts_a_down_vcpu_at_the_entry_with_the_context_id_and_affinity_info_follows()
    {
        using var v = new TestVcpu(vcpus: 2);
        Assert.Equal(GuestPsci.AffinityOff, GuestPsci.Handle(v.Vcpu, GuestPsci.AffinityInfo, 1, out _, out _));
        Assert.Equal(GuestPsci.AlreadyOn, GuestPsci.Handle(v.Vcpu, GuestPsci.CpuOn, 0, out _, out _));
        Assert.Equal(GuestPsci.InvalidParameters, GuestPsci.Handle(v.Vcpu, GuestPsci.CpuOn, 7, out _, out _));
        // Through the exit handler: x1 = target MPIDR, x2 = entry, x3 = context id.
        v.Context->X[0] = GuestPsci.CpuOn | GuestPsci.Smc64;
        v.Context->X[1] = 1;
        v.Context->X[2] = 0x40080000;
        v.Context->X[3] = 0xC0FFEE;
        Assert.False(v.Exit(0x16UL << 26 | 1UL << 25, out _));
        Assert.Equal(0UL, v.Context->X[0]);
        Vcpu second = v.Domain.Vcpus[1];
        Assert.Equal(VcpuState.Runnable, second.State);
        VcpuContext* c = ((IArmVcpu)second.Backend!).Context;
        Assert.Equal(0x40080000UL, c->Pc);
        Assert.Equal(0xC0FFEEUL, c->X[0]);
        Assert.Equal(VcpuReset.El1hMasked, c->Pstate);
        Assert.Equal(GuestPsci.MpidrOf(1), c->Vmpidr);
        Assert.Equal(GuestPsci.AffinityOn, GuestPsci.Handle(v.Vcpu, GuestPsci.AffinityInfo, 1, out _, out _));
    }

    [Fact]
    public void Cpu_off_takes_the_caller_down()
    {
        using var v = new TestVcpu();
        GuestPsci.Handle(v.Vcpu, GuestPsci.CpuOff, 0, out GuestPsci.Effect effect, out _);
        Assert.Equal(GuestPsci.Effect.CallerOff, effect);
        Assert.Equal(VcpuState.Down, v.Vcpu.State);
        Assert.Equal(DomainState.Running, v.Domain.State);
    }
}
