using Xen.Arch.Arm.Virtualization;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Arch.Arm.Tests.Virtualization;

public sealed unsafe class GuestExitHandlerTests
{
    private const ulong Hvc = 0x16UL << 26 | 1UL << 25, Smc = 0x17UL << 26 | 1UL << 25;
    private const ulong DataAbort = 0x24UL << 26 | 1UL << 25;

    [Fact]
    public void Hvc_0xEA1_maps_x16_and_x0_to_x4_to_a_hypercall_and_the_result_to_x0()
    {
        using var v = new TestVcpu();
        v.Context->X[16] = 18;
        for (int i = 0; i < 5; i++) v.Context->X[i] = 100 + (ulong)i;
        v.Context->Pc = 0x40001004;
        Assert.True(v.Exit(Hvc | 0xEA1, out VcpuExit exit));
        Assert.Equal(VcpuExitKind.Hypercall, exit.Kind);
        Assert.Equal(18UL, exit.Hypercall.Number);
        Assert.Equal(100UL, exit.Hypercall.Arg0);
        Assert.Equal(104UL, exit.Hypercall.Arg4);
        Assert.False(exit.Hypercall.IsCompat);
        v.CompleteHypercall(-XenErrno.ENOSYS);
        Assert.Equal(-XenErrno.ENOSYS, (long)v.Context->X[0]);
        Assert.Equal(0x40001004UL, v.Context->Pc); // HVC already stepped
    }

    [Fact]
    public void Psci_over_hvc_is_handled_inside_the_arch_layer()
    {
        using var v = new TestVcpu();
        v.Context->X[0] = GuestPsci.Version;
        Assert.False(v.Exit(Hvc, out _));
        Assert.Equal(0x10000UL, v.Context->X[0]);
    }

    [Fact]
    public void Trapped_smc_steps_past_the_instruction_and_answers_unknown_functions_with_minus_one()
    {
        using var v = new TestVcpu();
        v.Context->Pc = 0x40000100;
        v.Context->X[0] = 0x82000000; // SiP service: not provided
        Assert.False(v.Exit(Smc, out _));
        Assert.Equal(0x40000104UL, v.Context->Pc);
        Assert.Equal(ulong.MaxValue, v.Context->X[0]);
    }

    [Fact]
    public void System_off_over_smc_powers_the_domain_off_and_stops_the_vcpu()
    {
        using var v = new TestVcpu();
        v.Context->X[0] = GuestPsci.SystemOff;
        Assert.True(v.Exit(Smc, out VcpuExit exit));
        Assert.Equal(VcpuExitKind.None, exit.Kind);
        Assert.Equal(DomainState.ShutDown, v.Domain.State);
        Assert.Equal(ShutdownReason.PowerOff, v.Domain.ShutdownReason);
        Assert.False(v.Vcpu.IsRunnable);
    }

    [Fact]
    public void Mmio_store_to_the_vpl011_reaches_the_domain_console_and_steps_pc()
    {
        using var v = new TestVcpu();
        v.Context->Pc = 0x40000200;
        ulong store = DataAbort | 1UL << 24 | 2UL << 22 | 2UL << 16 | 1UL << 6 | 5; // str w2, ISV, SAS=4 bytes
        foreach (char ch in "hi\n")
        {
            v.Context->X[2] = ch;
            Assert.False(v.Exit(store, out _, hpfar: 0x22000UL << 4, far: 0x22000000));
        }
        Assert.Equal(0x4000020CUL, v.Context->Pc);
        Assert.Contains("(d1) hi\n", v.Console.Text);
    }

    [Fact]
    public void Mmio_load_writes_the_target_register_with_sign_extension()
    {
        using var v = new TestVcpu();
        // ldrsb x5, [FR]: SAS = byte, SSE, SRT = 5, SF = 64-bit. FR = TXFE|RXFE = 0x90 → sign-extended.
        ulong load = DataAbort | 1UL << 24 | 0UL << 22 | 1UL << 21 | 5UL << 16 | 1UL << 15 | 5;
        Assert.False(v.Exit(load, out _, hpfar: 0x22000UL << 4, far: 0x18));
        Assert.Equal(0xFFFF_FFFF_FFFF_FF90UL, v.Context->X[5]);
    }

    [Fact]
    public void Abort_without_valid_syndrome_or_outside_every_device_is_a_domain_fault()
    {
        using var v = new TestVcpu();
        Assert.True(v.Exit(DataAbort | 5, out VcpuExit noIsv, hpfar: 0x22000UL << 4));
        Assert.Equal(VcpuExitKind.Fault, noIsv.Kind);
        Assert.Contains("ISV = 0", noIsv.Reason);
        Assert.True(v.Exit(DataAbort | 1UL << 24 | 5, out VcpuExit hole, hpfar: 0x30000UL << 4, far: 0x10));
        Assert.Equal(VcpuExitKind.Fault, hole.Kind);
        Assert.Equal(0x30000010UL, hole.Address);
    }

    [Fact]
    public void Wfi_halts_wfe_yields_and_interrupts_are_preemption_points()
    {
        using var v = new TestVcpu();
        Assert.True(v.Exit(0x01UL << 26 | 1UL << 25, out VcpuExit wfi));
        Assert.Equal(VcpuExitKind.Halt, wfi.Kind);
        v.Context->Pc = 0x40000000;
        Assert.True(v.Exit(0x01UL << 26 | 1UL << 25 | 1, out VcpuExit wfe));
        Assert.Equal(VcpuExitKind.None, wfe.Kind);
        Assert.Equal(0x40000004UL, v.Context->Pc);
        Assert.True(v.Exit(0, out VcpuExit irq, vector: GuestExitHandler.VectorIrq));
        Assert.Equal(VcpuExitKind.None, irq.Kind);
        Assert.True(v.Exit(0, out VcpuExit serror, vector: GuestExitHandler.VectorSError));
        Assert.Equal(VcpuExitKind.Fault, serror.Kind);
        Assert.True(v.Exit(0x24UL << 26, out VcpuExit aarch32, vector: 12));
        Assert.Equal(VcpuExitKind.Fault, aarch32.Kind);
        Assert.Contains("AArch32", aarch32.Reason);
    }

    [Fact]
    public void Unknown_hvc_immediate_and_unknown_exceptions_crash_the_domain()
    {
        using var v = new TestVcpu();
        Assert.True(v.Exit(Hvc | 0x42, out VcpuExit hvc));
        Assert.Equal(VcpuExitKind.Fault, hvc.Kind);
        Assert.True(v.Exit(0x07UL << 26, out VcpuExit fp));
        Assert.Equal(VcpuExitKind.Fault, fp.Kind);
    }
}
