using Xen.Arch.X86.Svm;
using Xen.Core.Domains;

namespace Xen.Arch.X86.Tests.Svm;

public sealed unsafe class SvmUpcallTests : IDisposable
{
    private const ulong If = 1UL << 9;
    private const ulong InjectF3 = 0xF3 | (1UL << 31); // vector 0xF3, type 0 (INTR), valid
    private readonly SvmTestVcpu _t = new();

    public void Dispose() => _t.Dispose();

    private Vcpu V => _t.Domain.Vcpus[0];

    private Vmcb Vmcb => _t.Vmcb; // a pointer wrapper: setters write the VMCB page

    [Fact]
    public void A_raised_upcall_is_injected_when_the_guest_has_interrupts_enabled()
    {
        V.UpcallVector = 0xF3;
        V.UpcallsRaised = 1;
        Vmcb vm = Vmcb; vm.Rflags = 2 | If;
        ulong seen = 0;
        _t.Hardware.Script.Enqueue((v, r) => { seen = v.EventInjection; v.ExitCode = SvmExitCode.Hlt; });
        Assert.Equal(VcpuExitKind.Halt, _t.Cpu.Run().Kind);
        Assert.Equal(InjectF3, seen);
        Assert.Equal(1UL, V.UpcallsDelivered);
        Assert.False(V.HasUndeliveredUpcall);
        Assert.Equal(1UL, _t.Cpu.UpcallsInjected);
        Assert.True((_t.Vmcb.MiscIntercepts1 & Vmcb.InterceptVintr) != 0);
    }

    [Fact]
    public void With_interrupts_off_a_virtual_interrupt_window_is_requested_then_the_vector_injected()
    {
        V.UpcallVector = 0xF3;
        V.UpcallsRaised = 1;
        Vmcb vm = Vmcb; vm.Rflags = 2; // IF clear
        ulong firstInject = 1, firstVintr = 0, secondInject = 0;
        _t.Hardware.Script.Enqueue((v, r) =>
        {
            firstInject = v.EventInjection;
            firstVintr = v.VirtualInterrupt;
            v.Rflags = 2 | If; // the guest executed STI; the CPU exits for the window
            v.ExitCode = SvmExitCode.Vintr;
        });
        _t.Hardware.Script.Enqueue((v, r) => { secondInject = v.EventInjection; v.ExitCode = SvmExitCode.Hlt; });
        Assert.Equal(VcpuExitKind.Halt, _t.Cpu.Run().Kind);
        Assert.Equal(0UL, firstInject);
        Assert.Equal((1UL << 8) | (1UL << 20), firstVintr & ((1UL << 8) | (1UL << 20))); // V_IRQ, V_IGN_TPR
        Assert.Equal(InjectF3, secondInject);
        Assert.Equal(0UL, _t.Vmcb.VirtualInterrupt & (1UL << 8));
    }

    [Fact]
    public void An_interrupt_shadow_or_a_pending_event_defers_injection()
    {
        V.UpcallVector = 0xF3;
        V.UpcallsRaised = 1;
        Vmcb vm = Vmcb; vm.Rflags = 2 | If;
        vm.InterruptShadow = 1; // just after STI
        ulong seen = 1;
        _t.Hardware.Script.Enqueue((v, r) => { seen = v.EventInjection; v.ExitCode = SvmExitCode.Hlt; });
        _t.Cpu.Run();
        Assert.Equal(0UL, seen);
        Assert.True(V.HasUndeliveredUpcall);
    }

    [Fact]
    public void Callback_irq_vector_is_used_when_no_per_vcpu_vector_is_set_and_nothing_without_one()
    {
        V.UpcallsRaised = 1;
        Vmcb vm = Vmcb; vm.Rflags = 2 | If;
        ulong seen = 1;
        _t.Hardware.Script.Enqueue((v, r) => { seen = v.EventInjection; v.ExitCode = SvmExitCode.Hlt; });
        _t.Cpu.Run();
        Assert.Equal(0UL, seen); // no vector registered: the guest polls
        _t.Domain.HvmParams[0] = (2UL << 56) | 0xE0; // HVM_PARAM_CALLBACK_IRQ, type vector
        _t.Hardware.Script.Enqueue((v, r) => { seen = v.EventInjection; v.ExitCode = SvmExitCode.Hlt; });
        _t.Cpu.Run();
        Assert.Equal(0xE0UL | (1UL << 31), seen);
    }
}
