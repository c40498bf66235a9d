// Event-channel upcalls on SVM: when the core raised an upcall for this vCPU (TwoLevelEvents set
// evtchn_upcall_pending) and the guest registered a vector — HVMOP_set_evtchn_upcall_vector, or
// HVM_PARAM_CALLBACK_IRQ of type vector (hvm/params.h) — the vector is injected as an external interrupt
// through EVENTINJ (APM vol. 2 §15.20: vector bits 7:0, type 0 = INTR bits 10:8, valid bit 31) at the next
// VMRUN where the guest accepts interrupts: RFLAGS.IF set, no interrupt shadow (STI/MOV SS, VMCB 0x068 bit 0)
// and no event already being injected. Otherwise a virtual interrupt is requested (V_IRQ with V_IGN_TPR,
// VMCB 0x060 bits 8 and 20) with the VINTR intercept on, so the CPU exits as soon as the guest could take
// it (APM §15.21.4) and the next entry injects. Delivery is edge-like: one injection per raise, as Xen's
// per-vCPU vector sets the vector in the local APIC once; the guest handler clears evtchn_upcall_pending.
namespace Xen.Arch.X86.Svm;

public sealed unsafe partial class SvmVcpu
{
    private const ulong RflagsIf = 1UL << 9;
    private const ulong VirtualIrq = 1UL << 8, VirtualIgnoreTpr = 1UL << 20;
    private const ulong EventValid = 1UL << 31;

    /// <summary>TSC when the last upcall was injected (0 if none): measurements of raise → guest.</summary>
    public ulong LastUpcallInjectTsc { get; private set; }

    /// <summary>Upcall vectors injected into this vCPU.</summary>
    public ulong UpcallsInjected { get; private set; }

    // Called before every VMRUN.
    private void DeliverUpcall()
    {
        if (!_vcpu.HasUndeliveredUpcall)
        {
            if ((_vmcb.VirtualInterrupt & VirtualIrq) != 0) _vmcb.VirtualInterrupt &= ~(VirtualIrq | VirtualIgnoreTpr);
            return;
        }
        bool canTake = (_vmcb.Rflags & RflagsIf) != 0 && (_vmcb.InterruptShadow & 1) == 0 &&
            (_vmcb.EventInjection & EventValid) == 0;
        if (canTake)
        {
            _vmcb.EventInjection = _vcpu.EffectiveUpcallVector | EventValid; // type 0: external interrupt
            _vmcb.VirtualInterrupt &= ~(VirtualIrq | VirtualIgnoreTpr);
            _vcpu.UpcallsDelivered = _vcpu.UpcallsRaised;
            UpcallsInjected++;
            LastUpcallInjectTsc = _hardware.ReadTsc();
        }
        else
        {
            _vmcb.VirtualInterrupt |= VirtualIrq | VirtualIgnoreTpr;
        }
    }
}
