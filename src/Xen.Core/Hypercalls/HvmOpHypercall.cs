// __HYPERVISOR_hvm_op (34): hvm_op(op, arg) per xen/include/public/hvm/hvm_op.h, for a domain acting on
// itself. get_param may read the parameters a guest is allowed to see (callback route, xenstore and console
// rings); set_param accepts only those a guest may change (callback route, the two event-channel numbers,
// VM86 TSS, ACPI I/O location, VM generation id, x87 FIP width) and refuses the toolstack-owned rest with
// -EPERM, as Xen's hvm_allow_set_param/hvm_allow_get_param do for current->domain. Index ≥ HVM_NR_PARAMS
// is -EINVAL before the domain lookup (Xen's order); a domid that does not exist is -ESRCH, another existing
// domain -EPERM (XSM_TARGET: only a privileged caller may reach another domain's parameters).
// HVMOP_set_evtchn_upcall_vector records the per-vCPU upcall vector (≥ 0x10, vCPU must exist: -ENOENT).
using System;
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>hvm_op.</summary>
public sealed class HvmOpHypercall : IHypercallHandler
{
    private readonly DomainTable? _domains;

    /// <summary>Creates the handler; <paramref name="domains"/> tells a foreign domain that exists (-EPERM) from
    /// one that does not (-ESRCH).</summary>
    public HvmOpHypercall(DomainTable? domains = null) { _domains = domains; }

    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        switch ((long)args.Arg0)
        {
            case HvmOp.SetParam:
            case HvmOp.GetParam:
                return Param(caller, args.Arg1, set: args.Arg0 == HvmOp.SetParam);
            case HvmOp.SetEvtchnUpcallVector:
                return SetUpcallVector(caller, args.Arg1);
            default:
                return -XenErrno.ENOSYS;
        }
    }

    private long Param(Vcpu caller, ulong argument, bool set)
    {
        Span<byte> a = stackalloc byte[HvmOp.ParamSize];
        int rc = GuestAccess.CopyFrom(caller, argument, a);
        if (rc != 0) return rc;
        ushort domid = (ushort)(a[0] | a[1] << 8);
        uint index = Wire.Get32(a, 4);
        Domain d = caller.Domain;
        if (index >= HvmOp.ParamCount) return -XenErrno.EINVAL;
        if (domid != MemoryOp.DomidSelf && domid != d.Id)
            return _domains?.Find(domid) is null ? -XenErrno.ESRCH : -XenErrno.EPERM;
        if (set)
        {
            if (!GuestMaySet(index)) return -XenErrno.EPERM;
            d.HvmParams[index] = Wire.Get64(a, 8);
            return 0;
        }
        if (!GuestMayGet(index)) return -XenErrno.EPERM;
        Wire.Put64(a, 8, d.HvmParams[index]);
        // Only the value field is written back (xen_hvm_param.value, offset 8).
        return GuestAccess.CopyTo(caller, argument + 8, a.Slice(8, 8));
    }

    private static long SetUpcallVector(Vcpu caller, ulong argument)
    {
        Span<byte> a = stackalloc byte[HvmOp.UpcallVectorSize];
        int rc = GuestAccess.CopyFrom(caller, argument, a);
        if (rc != 0) return rc;
        uint vcpu = Wire.Get32(a, 0);
        byte vector = a[4];
        if (vector < HvmOp.MinUpcallVector) return -XenErrno.EINVAL;
        Vcpu[] vcpus = caller.Domain.Vcpus;
        if (vcpu >= (uint)vcpus.Length) return -XenErrno.ENOENT;
        vcpus[vcpu].UpcallVector = vector;
        return 0;
    }

    private static bool GuestMaySet(uint index) => index switch
    {
        HvmOp.ParamCallbackIrq or HvmOp.ParamVm86Tss or HvmOp.ParamAcpiIoportsLocation or
        HvmOp.ParamVmGenerationIdAddr or HvmOp.ParamStoreEvtchn or HvmOp.ParamConsoleEvtchn or
        HvmOp.ParamX87FipWidth => true,
        _ => false,
    };

    private static bool GuestMayGet(uint index) => index switch
    {
        HvmOp.ParamCallbackIrq or HvmOp.ParamVm86Tss or HvmOp.ParamAcpiIoportsLocation or
        HvmOp.ParamVmGenerationIdAddr or HvmOp.ParamStorePfn or HvmOp.ParamStoreEvtchn or
        HvmOp.ParamConsolePfn or HvmOp.ParamConsoleEvtchn or HvmOp.ParamAltp2m or HvmOp.ParamX87FipWidth => true,
        _ => false,
    };
}
