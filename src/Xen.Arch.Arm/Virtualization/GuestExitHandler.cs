// The C# half of the Arm exit loop: classifies one guest exit from its vector and ESR_EL2 (ExitSyndrome) and
// either handles it here (PSCI, MMIO emulation, WFE, SMCCC answers) or hands the core an arch-neutral
// VcpuExit (hypercall, halt, fault). Xen's error policy: a guest that does something we cannot emulate
// (an abort without a valid syndrome, an access to an IPA neither RAM nor a device, an unknown exception)
// crashes its domain with a register dump; the hypervisor carries on.
// Vectors (Exceptions/Vectors.s): 8 synchronous, 9 IRQ, 10 FIQ, 11 SError, all from a lower EL in AArch64;
// 12-15 the same from AArch32 (a guest's 32-bit EL0): not emulated, so the domain crashes — never the host.
// With a vGIC: WFI and PSCI CPU_SUSPEND block the vCPU until an interrupt is pending for it (else they return
// at once), and trapped ICC_SGI1R_EL1/ICC_ASGI1R_EL1 writes send SGIs to the domain's vCPUs (SgiRegister).
using Xen.Arch.Arm.Virtualization.Gic;
using Xen.Core.Domains;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Decides what one guest exit means.</summary>
public static unsafe class GuestExitHandler
{
    /// <summary>Vector indices of lower-EL AArch64 exceptions.</summary>
    public const ulong VectorSync = 8, VectorIrq = 9, VectorFiq = 10, VectorSError = 11;

    /// <summary>SMCCC's answer to an unknown function id (DEN 0028, "Unknown Function Identifier": -1).</summary>
    public const long SmcccUnknown = -1;

    /// <summary>Handles the exit stored in <paramref name="context"/>. Returns true when <paramref name="exit"/>
    /// must go to the core; false when it was handled and the vCPU can run again at once.</summary>
    public static bool Handle(Vcpu vcpu, VcpuContext* context, MmioBus bus, out VcpuExit exit, Vgic? vgic = null)
    {
        exit = default;
        switch (context->Vector)
        {
            case VectorSync:
                return Synchronous(vcpu, context, bus, vgic, ref exit);
            case VectorIrq:
            case VectorFiq:
                return true; // a physical interrupt: a preemption point (exit kind None)
            case VectorSError:
                return Fault(ref exit, "SError from the guest", 0);
            default:
                return Fault(ref exit, "exception from AArch32 guest code (not supported)", 0);
        }
    }

    private static bool Synchronous(Vcpu vcpu, VcpuContext* context, MmioBus bus, Vgic? vgic, ref VcpuExit exit)
    {
        ulong esr = context->Esr;
        switch (ExitSyndrome.Class(esr))
        {
            case ExitSyndrome.ClassHvc:
                if (ExitSyndrome.Immediate(esr) == ExitSyndrome.XenHypercallTag)
                {
                    exit.Kind = VcpuExitKind.Hypercall;
                    exit.Hypercall = HypercallRegisters.Read(context);
                    return true;
                }
                if (ExitSyndrome.Immediate(esr) != 0) return Fault(ref exit, "HVC with an unknown immediate", 0);
                return CallService(vcpu, context, vgic, ref exit);
            case ExitSyndrome.ClassSmc:
                // A trapped SMC has not executed: ELR_EL2 is the SMC itself (Arm ARM, HCR_EL2.TSC).
                context->Pc += 4;
                return CallService(vcpu, context, vgic, ref exit);
            case ExitSyndrome.ClassWfx:
                if (ExitSyndrome.IsWfe(esr))
                {
                    context->Pc += 4; // WFE: a yield; nothing else runs on this CPU yet
                    return true;
                }
                if (vgic is not null)
                {
                    context->Pc += 4;
                    return WaitForInterrupt(vcpu, vgic);
                }
                exit.Kind = VcpuExitKind.Halt; // the core steps past the WFI and blocks the vCPU
                return true;
            case ExitSyndrome.ClassSysReg:
                return SystemRegister(vcpu, context, vgic, ref exit);
            case ExitSyndrome.ClassDataAbortLower:
                return DataAbort(vcpu, context, bus, ref exit);
            case ExitSyndrome.ClassInstructionAbortLower:
                return Fault(ref exit, "instruction fetch outside the P2M (stage-2 instruction abort)",
                    ExitSyndrome.FaultIpa(context->Hpfar, context->Far));
            default:
                return Fault(ref exit, "unhandled guest exception", 0);
        }
    }

    // SMCCC service calls over HVC #0 / SMC #0: PSCI is the only service; everything else is "unknown".
    private static bool CallService(Vcpu vcpu, VcpuContext* context, Vgic? vgic, ref VcpuExit exit)
    {
        ulong function = context->X[0];
        if (!GuestPsci.IsPsci(function))
        {
            context->X[0] = unchecked((ulong)SmcccUnknown);
            return false;
        }
        long result = GuestPsci.Handle(vcpu, function, context->X[1], out GuestPsci.Effect effect, out Vcpu? target);
        context->X[0] = (ulong)result;
        switch (effect)
        {
            case GuestPsci.Effect.StartTarget:
                if (target!.Backend is IArmVcpu arm)
                {
                    VcpuReset.Reset(arm.Context, context->X[2], context->X[3], target.Id);
                    arm.Context->Vttbr = context->Vttbr;
                    arm.Context->Cntvoff = context->Cntvoff;
                    vgic?.ResetCpu(target.Id);
                    target.State = VcpuState.Runnable;
                }
                else context->X[0] = unchecked((ulong)GuestPsci.InternalFailure);
                return false;
            case GuestPsci.Effect.Suspend:
                return vgic is not null && WaitForInterrupt(vcpu, vgic);
            case GuestPsci.Effect.CallerOff:
            case GuestPsci.Effect.DomainShutDown:
                return true; // the vCPU no longer runs: let the scheduler pick another
            default:
                return false;
        }
    }

    // WFI / CPU_SUSPEND: block unless an interrupt is already pending for the vCPU (then it just continues).
    private static bool WaitForInterrupt(Vcpu vcpu, Vgic vgic)
    {
        if (vgic.HasDeliverable(vcpu.Id)) return false;
        vcpu.State = VcpuState.Blocked;
        return true; // exit kind None: the scheduler picks another vCPU; an interrupt makes this one runnable
    }

    // EC 0x18: only the SGI-generation registers trap (HCR_EL2.IMO); anything else is not emulated.
    private static bool SystemRegister(Vcpu vcpu, VcpuContext* context, Vgic? vgic, ref VcpuExit exit)
    {
        SgiRegister.Kind kind = SgiRegister.Classify(context->Esr, out int register, out bool isRead);
        if (kind == SgiRegister.Kind.Other || vgic is null) return Fault(ref exit, "trapped system register access not emulated", 0);
        context->Pc += 4;
        if (isRead)
        {
            if (register != 31) context->X[register] = 0; // write-only registers
            return false;
        }
        if (kind == SgiRegister.Kind.Sgi0) return false; // every virtual interrupt is group 1: group-0 SGIs go nowhere
        ulong value = register == 31 ? 0 : context->X[register];
        ulong targets = SgiRegister.TargetMask(value, vcpu.Id, vgic.Cpus.Length);
        uint intid = SgiRegister.Intid(value);
        bool others = false;
        for (int t = 0; t < vgic.Cpus.Length && t < 64; t++)
        {
            if ((targets & (1UL << t)) == 0) continue;
            vgic.Pend(t, intid);
            if (t != vcpu.Id) others = true;
        }
        // Sending to another vCPU is a scheduling point, so the target runs soon (SGI latency < a time slice).
        return others;
    }

    private static bool DataAbort(Vcpu vcpu, VcpuContext* context, MmioBus bus, ref VcpuExit exit)
    {
        ulong esr = context->Esr;
        ulong ipa = ExitSyndrome.FaultIpa(context->Hpfar, context->Far);
        if (!ExitSyndrome.IsValid(esr) || ExitSyndrome.IsStage1Walk(esr))
            return Fault(ref exit, "data abort without a usable syndrome (ISV = 0 or stage-1 walk)", ipa);
        IMmioDevice? device = bus.Find(ipa, out ulong offset);
        if (device is null) return Fault(ref exit, "access outside the P2M and every emulated device", ipa);
        int size = ExitSyndrome.AccessSize(esr);
        int register = ExitSyndrome.Register(esr);
        if (ExitSyndrome.IsWrite(esr))
        {
            ulong value = register == 31 ? 0 : context->X[register];
            if (!device.Write(vcpu, offset, size, value)) return Fault(ref exit, "MMIO write the device rejects", ipa);
        }
        else
        {
            if (!device.Read(vcpu, offset, size, out ulong value)) return Fault(ref exit, "MMIO read the device rejects", ipa);
            if (ExitSyndrome.SignExtend(esr) && size < 8)
            {
                int shift = 64 - size * 8;
                value = (ulong)((long)(value << shift) >> shift);
            }
            if (!ExitSyndrome.Is64BitRegister(esr)) value &= 0xFFFF_FFFF;
            if (register != 31) context->X[register] = value;
        }
        // IL = 1: the faulting instruction is 4 bytes; resume after it.
        context->Pc += 4;
        return false;
    }

    private static bool Fault(ref VcpuExit exit, string reason, ulong address)
    {
        exit.Kind = VcpuExitKind.Fault;
        exit.Reason = reason;
        exit.Address = address;
        return true;
    }
}
