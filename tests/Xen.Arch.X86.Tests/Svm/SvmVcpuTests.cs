using Xen.Arch.X86.Svm;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Arch.X86.Tests.Svm;

public sealed unsafe class SvmVcpuTests : IDisposable
{
    private readonly SvmTestVcpu _t = new();

    public void Dispose() => _t.Dispose();

    private const ulong GpInjected = 13 | (3UL << 8) | (1UL << 11) | (1UL << 31);

    [Fact]
    public void Boot_state_follows_the_pvh_abi()
    {
        Vmcb v = _t.Vmcb;
        Assert.Equal(0x11UL, v.Cr0);
        Assert.Equal(0UL, v.Cr4);
        Assert.Equal(0x1000UL, v.Rip);
        Assert.Equal(0x8000UL, _t.Regs->Rbx);
        Assert.Equal(0x1000UL, v.Efer); // SVME only
        Assert.Equal((ushort)0xC9B, v.SegmentAttributes(Vmcb.Cs));
        Assert.Equal(0xFFFFFFFFu, v.SegmentLimit(Vmcb.Ds));
        Assert.Equal(0x67u, v.SegmentLimit(Vmcb.Tr));
        Assert.Equal((ushort)0x8B, v.SegmentAttributes(Vmcb.Tr));
        Assert.Equal(0UL, v.Rflags & ((1 << 9) | (1 << 8) | (1 << 17)));
        Assert.Equal(1UL, v.NestedPagingControl);
        Assert.Equal(0u, v.Asid); // assigned per physical CPU at the first entry
        Assert.True((v.MiscIntercepts2 & Vmcb.InterceptVmrun) != 0);
    }

    [Fact]
    public void Vmcb_offsets_match_the_apm()
    {
        byte[] page = new byte[4096];
        fixed (byte* p = page)
        {
            var v = new Vmcb(p);
            v.ExitCode = 0x1111; v.NestedCr3 = 0x2222; v.Rip = 0x3333; v.Rax = 0x4444; v.Efer = 0x5555; v.Cr0 = 0x6666;
            v.EventInjection = 0x7777; v.GuestPat = 0x8888; v.Rsp = 0x9999;
            Assert.Equal(0x1111UL, BitConverter.ToUInt64(page, 0x070));
            Assert.Equal(0x2222UL, BitConverter.ToUInt64(page, 0x0B0));
            Assert.Equal(0x3333UL, BitConverter.ToUInt64(page, 0x578));
            Assert.Equal(0x4444UL, BitConverter.ToUInt64(page, 0x5F8));
            Assert.Equal(0x5555UL, BitConverter.ToUInt64(page, 0x4D0));
            Assert.Equal(0x6666UL, BitConverter.ToUInt64(page, 0x558));
            Assert.Equal(0x7777UL, BitConverter.ToUInt64(page, 0x0A8));
            Assert.Equal(0x8888UL, BitConverter.ToUInt64(page, 0x668));
            Assert.Equal(0x9999UL, BitConverter.ToUInt64(page, 0x5D8));
        }
    }

    [Fact]
    public void Cpuid_answers_xen_leaves_and_hides_svm_without_leaving_the_arch_layer()
    {
        _t.Hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Cpuid; v.Rax = 0x40000000; });
        VcpuExit exit = _t.Cpu.Run(); // CPUID handled inside, then the scripted HLT returns
        Assert.Equal(VcpuExitKind.Halt, exit.Kind);
        Assert.Equal(0x40000004UL, _t.Vmcb.Rax);
        Assert.Equal(0x566e6558UL, _t.Regs->Rbx);
        Assert.Equal(0x1002UL, _t.Vmcb.Rip);
        _t.Hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Cpuid; v.Rax = 0x80000001; });
        _t.Cpu.Run();
        Assert.Equal(0x1UL, _t.Regs->Rcx); // SVM bit 2 cleared
        _t.Hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Cpuid; v.Rax = 0x40000004; });
        _t.Cpu.Run();
        Assert.Equal(3UL, _t.Regs->Rcx); // domid
    }

    [Fact]
    public void Writing_the_hypercall_msr_fills_the_page_and_bad_values_inject_gp()
    {
        _t.Hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Msr; v.ExitInfo1 = 1; r->Rcx = 0x40000000; v.Rax = 0x5000; r->Rdx = 0; });
        _t.Cpu.Run();
        byte[] stub = new byte[32];
        _t.Domain.P2m.Read(0x5000 + 29 * 32, stub);
        Assert.Equal(new byte[] { 0xB8, 29, 0, 0, 0, 0x0F, 0x01, 0xD9, 0xC3, 0xCC }, stub.Take(10).ToArray());
        Assert.Equal(0x1002UL, _t.Vmcb.Rip);

        ulong rip = _t.Vmcb.Rip;
        _t.Hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Msr; v.ExitInfo1 = 1; r->Rcx = 0x40000000; v.Rax = 0; r->Rdx = 0x100; });
        _t.Hardware.Script.Enqueue((v, r) => Assert.Equal(GpInjected, v.EventInjection)); // outside the P2M: #GP
        _t.Cpu.Run();
        Assert.Equal(rip, _t.Vmcb.Rip);
    }

    [Fact]
    public void Unknown_msrs_inject_gp_and_efer_keeps_svme()
    {
        _t.Hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Msr; v.ExitInfo1 = 0; r->Rcx = 0xC0011234; });
        _t.Hardware.Script.Enqueue((v, r) => { Assert.Equal(GpInjected, v.EventInjection); v.ExitCode = SvmExitCode.Msr; v.ExitInfo1 = 1; r->Rcx = 0xC0000080; v.Rax = 0x901; r->Rdx = 0; });
        _t.Hardware.Script.Enqueue((v, r) => { Assert.Equal(0UL, v.EventInjection); v.ExitCode = SvmExitCode.Msr; v.ExitInfo1 = 0; r->Rcx = 0xC0000080; });
        _t.Cpu.Run();
        Assert.Equal(0x1901UL, _t.Vmcb.Efer);
        Assert.Equal(0x901UL, _t.Vmcb.Rax); // the guest does not see SVME
    }

    [Fact]
    public void Vmmcall_decodes_the_64_bit_and_32_bit_conventions_and_steps_three_bytes()
    {
        _t.Hardware.Script.Enqueue((v, r) =>
        {
            v.ExitCode = SvmExitCode.Vmmcall; v.Efer = 0x1500; v.SetSegment(Vmcb.Cs, 8, 0xA9B, 0, 0);
            v.Rax = 17; r->Rdi = 1; r->Rsi = 2; r->Rdx = 3; r->R10 = 4; r->R8 = 5;
        });
        VcpuExit exit = _t.Cpu.Run();
        Assert.Equal(VcpuExitKind.Hypercall, exit.Kind);
        Assert.Equal((17UL, 1UL, 2UL, 3UL, 4UL, 5UL, false), (exit.Hypercall.Number, exit.Hypercall.Arg0, exit.Hypercall.Arg1, exit.Hypercall.Arg2, exit.Hypercall.Arg3, exit.Hypercall.Arg4, exit.Hypercall.IsCompat));
        _t.Cpu.CompleteHypercall(-XenErrno.ENOSYS);
        Assert.Equal(unchecked((ulong)-XenErrno.ENOSYS), _t.Vmcb.Rax);
        Assert.Equal(0x1003UL, _t.Vmcb.Rip);

        _t.Hardware.Script.Enqueue((v, r) =>
        {
            v.ExitCode = SvmExitCode.Vmmcall; v.Efer = 0x1000; v.SetSegment(Vmcb.Cs, 8, 0xC9B, 0xFFFFFFFF, 0);
            v.Rax = 0xFFFF_0000_0000_001D; r->Rbx = 0x1_0000_0002; r->Rcx = 7;
        });
        exit = _t.Cpu.Run();
        Assert.True(exit.Hypercall.IsCompat);
        Assert.Equal((29UL, 2UL, 7UL), (exit.Hypercall.Number, exit.Hypercall.Arg0, exit.Hypercall.Arg1));
        _t.Cpu.CompleteHypercall(-XenErrno.EFAULT);
        Assert.Equal(0xFFFFFFF2UL, _t.Vmcb.Rax); // 32-bit result
    }

    [Fact]
    public void Hypercalls_from_user_mode_get_eperm_without_reaching_the_core()
    {
        _t.Hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Vmmcall; v.Cpl = 3; v.Rax = 17; });
        Assert.Equal(VcpuExitKind.Halt, _t.Cpu.Run().Kind);
        Assert.Equal(unchecked((uint)-XenErrno.EPERM), _t.Vmcb.Rax); // the boot state is 32-bit: compat result
    }

    [Fact]
    public void Port_io_is_decoded_and_in_merges_into_rax()
    {
        _t.Hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Ioio; v.ExitInfo1 = (0xE9UL << 16) | 0x10; v.ExitInfo2 = 0x1001; v.Rax = 0x4142; });
        VcpuExit exit = _t.Cpu.Run();
        Assert.Equal((VcpuExitKind.PortIo, (ushort)0xE9, (byte)1, true, 0x42u), (exit.Kind, exit.Port, exit.Size, exit.IsWrite, exit.Value));
        _t.Cpu.SkipInstruction();
        Assert.Equal(0x1001UL, _t.Vmcb.Rip);
        _t.Hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Ioio; v.ExitInfo1 = (0x60UL << 16) | 0x20 | 1; v.ExitInfo2 = 0x1003; v.Rax = 0x12345678; });
        exit = _t.Cpu.Run();
        Assert.False(exit.IsWrite);
        _t.Cpu.CompletePortIo(0xFFFF);
        Assert.Equal(0x1234FFFFUL, _t.Vmcb.Rax);
        Assert.Equal(0x1003UL, _t.Vmcb.Rip);
    }

    [Fact]
    public void Npf_outside_the_p2m_and_shutdown_become_fatal_exits_with_a_dump()
    {
        _t.Hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Npf; v.ExitInfo2 = 0x4000_0000; });
        VcpuExit exit = _t.Cpu.Run();
        Assert.Equal(VcpuExitKind.Fault, exit.Kind);
        Assert.Equal(0x4000_0000UL, exit.Address);
        Assert.Contains("outside the P2M", exit.Reason);
        _t.Hardware.Script.Enqueue((v, r) => v.ExitCode = SvmExitCode.Shutdown);
        Assert.Equal(VcpuExitKind.Shutdown, _t.Cpu.Run().Kind);
        _t.Cpu.DumpState();
        Assert.Contains("(SHUTDOWN)", _t.Console.Text);
        Assert.Contains("    rip 0x0000000000001000", _t.Console.Text);
    }

    [Fact]
    public void Svm_instructions_inject_ud_and_exits_are_counted()
    {
        _t.Hardware.Script.Enqueue((v, r) => v.ExitCode = SvmExitCode.Xsetbv);
        _t.Hardware.Script.Enqueue((v, r) => { Assert.Equal(6 | (3UL << 8) | (1UL << 31), v.EventInjection); v.ExitCode = SvmExitCode.Hlt; });
        _t.Cpu.Run();
        _t.Hardware.Script.Enqueue((v, r) => v.ExitCode = SvmExitCode.Vmrun);
        _t.Hardware.Script.Enqueue((v, r) => { Assert.Equal(6 | (3UL << 8) | (1UL << 31), v.EventInjection); v.ExitCode = SvmExitCode.Hlt; });
        _t.Cpu.Run();
        Assert.Equal(1UL, _t.Support.Statistics.CountOf(SvmExitCode.Vmrun));
        Assert.Equal(100UL, _t.Support.Statistics.MeanCycles(SvmExitCode.Vmrun));
        var console = new TextConsole();
        _t.Support.Statistics.Print(console);
        Assert.Contains("exit VMRUN: 1 exits, mean 100 cycles", console.Text);
        Assert.Contains("exit XSETBV: 1 exits", console.Text);
    }
}

public sealed unsafe class SvmLazyScrubTests
{
    [Fact]
    public void First_touch_of_an_unscrubbed_chunk_is_resolved_inside_the_arch_layer()
    {
        using var memory = new NativePages(8);
        var hardware = new FakeSvmHardware();
        var console = new TextConsole();
        var p2m = Xen.Core.Memory.P2m.Allocate(memory.Pages, 1024, scrubLazily: true)!;
        var domain = new Domain(2, "lazy", p2m, 1, console);
        var svm = new SvmDomainSupport(memory.Pages, hardware, console);
        Assert.True(svm.PrepareDomain(domain));
        var cpu = (SvmVcpu)svm.CreateVcpu(domain.Vcpus[0])!;
        domain.Vcpus[0].Backend = cpu;
        hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Npf; v.ExitInfo2 = 0x212345; });
        Assert.Equal(VcpuExitKind.Halt, cpu.Run().Kind); // NPF handled, then the scripted HLT
        Assert.True(((SvmDomainState)domain.ArchState!).Tables.TryTranslate(0x212345, out _));
        hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Npf; v.ExitInfo2 = 0x212345; });
        Assert.Equal(VcpuExitKind.Fault, cpu.Run().Kind); // a second fault on a mapped page is fatal
        p2m.Write(0x100000, new byte[] { 9 });           // chunk 0: scrubbed by a hypercall-style write, not yet mapped
        hardware.Script.Enqueue((v, r) => { v.ExitCode = SvmExitCode.Npf; v.ExitInfo2 = 0x100000; });
        Assert.Equal(VcpuExitKind.Halt, cpu.Run().Kind);
    }
}
