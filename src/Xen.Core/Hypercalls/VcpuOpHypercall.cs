// __HYPERVISOR_vcpu_op (24): vcpu_op(cmd, vcpuid, extra_args) per xen/include/public/vcpu.h, with Xen 4.7's
// answers (xen/common/domain.c do_vcpu_op, arch/x86 arch_initialise_vcpu for HVM/PVH):
//   vcpuid beyond the domain's vCPUs          -ENOENT (vcpuid is an unsigned int: the register is truncated)
//   initialise  vCPU without vcpu_info -EINVAL; unreadable context -EFAULT; already initialised -EEXIST;
//               a bad vcpu_hvm_context -EINVAL (HvmVcpuContextReader); the vCPU stays down until VCPUOP_up
//   up          not initialised -EINVAL; else runnable (the scheduler picks it up)
//   down/is_up  always allowed; is_up answers 1 or 0
//   set/stop_singleshot_timer  only on the calling vCPU (-EINVAL); VCPU_SSHOTTMR_future and a past
//               deadline -ETIME; a past deadline without the flag fires at once
//   set_periodic_timer  period < 1 ms -EINVAL (MILLISECS(1)); first event one period later
//   register_vcpu_info  offset past PAGE_SIZE - 64, a second registration, a running other vCPU, or a frame
//               that is not writable RAM of the domain: -EINVAL (map_vcpu_info)
//   get_runstate_info, register_runstate_memory_area, register_vcpu_time_memory_area: as Xen
//   send_nmi, get_physid and unknown commands: -ENOSYS (Xen 4.7's hvm_vcpu_op filter)
// Timer commands need the TimerQueue; a dispatcher built without one answers them -ENOSYS.
// Arm guests get Xen's do_arm_vcpu_op subset instead: register_vcpu_info and register_runstate_memory_area,
// everything else -EINVAL (the Arm launcher registers the handler with armSubset: true).
using System;
using Xen.Core.Domains;
using Xen.Core.Events;
using Xen.Core.Memory;
using Xen.Core.Public;
using Xen.Core.Time;

namespace Xen.Core.Hypercalls;

/// <summary>vcpu_op.</summary>
public sealed class VcpuOpHypercall : IHypercallHandler
{
    private readonly TimerQueue? _timers;
    private readonly bool _armSubset;

    /// <summary>Creates the handler; <paramref name="timers"/> serves the timer and time-area commands;
    /// <paramref name="armSubset"/> restricts it to what Xen offers Arm guests.</summary>
    public VcpuOpHypercall(TimerQueue? timers, bool armSubset = false)
    {
        _timers = timers;
        _armSubset = armSubset;
    }

    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        int cmd = (int)(uint)args.Arg0;
        if (_armSubset && cmd != VcpuOp.RegisterVcpuInfo && cmd != VcpuOp.RegisterRunstateMemoryArea) return -XenErrno.EINVAL;
        Domain d = caller.Domain;
        uint vcpuId = (uint)args.Arg1;
        if (vcpuId >= (uint)d.Vcpus.Length) return -XenErrno.ENOENT;
        Vcpu v = d.Vcpus[vcpuId];
        ulong arg = args.Arg2;
        switch (cmd)
        {
            case VcpuOp.Initialise: return Initialise(caller, v, arg);
            case VcpuOp.Up:
                if (!v.IsInitialised) return -XenErrno.EINVAL;
                if (v.State == VcpuState.Down) { v.State = VcpuState.Runnable; _timers?.NoteRunstate(v, VcpuOp.RunstateRunnable); }
                return 0;
            case VcpuOp.Down:
                if (v.State != VcpuState.Down) { v.State = VcpuState.Down; _timers?.NoteRunstate(v, VcpuOp.RunstateOffline); }
                return 0;
            case VcpuOp.IsUp:
                return v.State != VcpuState.Down ? 1 : 0;
            case VcpuOp.GetRunstateInfo: return GetRunstate(caller, v, arg, args.IsCompat);
            case VcpuOp.RegisterRunstateMemoryArea: return RegisterArea(caller, v, arg, runstate: true);
            case VcpuOp.RegisterVcpuTimeMemoryArea: return RegisterArea(caller, v, arg, runstate: false);
            case VcpuOp.SetPeriodicTimer: return SetPeriodic(caller, v, arg);
            case VcpuOp.StopPeriodicTimer:
                if (_timers is null) return -XenErrno.ENOSYS;
                _timers.SetPeriodic(v, 0);
                return 0;
            case VcpuOp.SetSingleshotTimer: return SetSingleShot(caller, v, arg, args.IsCompat);
            case VcpuOp.StopSingleshotTimer:
                if (_timers is null) return -XenErrno.ENOSYS;
                if (v != caller) return -XenErrno.EINVAL;
                _timers.StopSingleShot(v);
                return 0;
            case VcpuOp.RegisterVcpuInfo: return RegisterVcpuInfo(caller, v, arg);
            default:
                return -XenErrno.ENOSYS;
        }
    }

    private static long Initialise(Vcpu caller, Vcpu v, ulong arg)
    {
        SharedInfoPage? s = v.Domain.SharedInfo;
        if (s is null || !s.HasVcpuInfo(v.Id)) return -XenErrno.EINVAL; // v->vcpu_info == &dummy_vcpu_info
        Span<byte> context = stackalloc byte[HvmVcpuContext.Size];
        int rc = GuestAccess.CopyFrom(caller, arg, context);
        if (rc != 0) return rc;
        if (v.IsInitialised) return -XenErrno.EEXIST;
        rc = HvmVcpuContextReader.Read(context, out VcpuBootState state);
        if (rc != 0) return rc;
        IVcpuBackend? backend = v.Backend;
        if (backend is null) return -XenErrno.EINVAL; // no arch state to load registers into
        backend.LoadBootState(state);
        v.IsInitialised = true;
        return 0;
    }

    private long GetRunstate(Vcpu caller, Vcpu v, ulong arg, bool compat)
    {
        Span<byte> info = stackalloc byte[VcpuOp.RunstateInfoSize];
        VcpuRunstate r = v.Timers.Runstate;
        if (_timers is not null)
        {
            // Bring the record up to now without moving the vCPU's own accounting.
            int state = v == caller ? VcpuOp.RunstateRunning : StateOf(v);
            r.Change(state, _timers.Now);
        }
        r.WriteTo(info);
        if (!compat) return GuestAccess.CopyTo(caller, arg, info);
        // Compat layout packs the uint64_t fields at 4-byte alignment: state @0, entry @4, time[4] @12.
        Span<byte> packed = stackalloc byte[VcpuOp.RunstateInfoSize - 4];
        info.Slice(0, 4).CopyTo(packed);
        info.Slice(8).CopyTo(packed.Slice(4));
        return GuestAccess.CopyTo(caller, arg, packed);
    }

    private long RegisterArea(Vcpu caller, Vcpu v, ulong arg, bool runstate)
    {
        Span<byte> a = stackalloc byte[VcpuOp.AreaAddressSize];
        int rc = GuestAccess.CopyFrom(caller, arg, a);
        if (rc != 0) return rc;
        ulong address = Wire.Get64(a, 0);
        if (runstate)
        {
            v.Timers.RunstateArea = address;
            _timers?.WriteRunstateArea(v);
        }
        else
        {
            v.Timers.TimeArea = address;
            _timers?.PublishTime(v); // force_update_vcpu_system_time
        }
        return 0;
    }

    private long SetPeriodic(Vcpu caller, Vcpu v, ulong arg)
    {
        if (_timers is null) return -XenErrno.ENOSYS;
        Span<byte> a = stackalloc byte[VcpuOp.PeriodicTimerSize];
        int rc = GuestAccess.CopyFrom(caller, arg, a);
        if (rc != 0) return rc;
        ulong period = Wire.Get64(a, 0);
        if (period < VcpuOp.MinimumPeriodNs) return -XenErrno.EINVAL;
        _timers.SetPeriodic(v, period);
        return 0;
    }

    private long SetSingleShot(Vcpu caller, Vcpu v, ulong arg, bool compat)
    {
        if (_timers is null) return -XenErrno.ENOSYS;
        if (v != caller) return -XenErrno.EINVAL;
        Span<byte> a = stackalloc byte[VcpuOp.SingleshotTimerSize];
        int rc = GuestAccess.CopyFrom(caller, arg, a.Slice(0, compat ? VcpuOp.SingleshotTimerCompatSize : VcpuOp.SingleshotTimerSize));
        if (rc != 0) return rc;
        ulong timeout = Wire.Get64(a, 0);
        uint flags = Wire.Get32(a, 8);
        // s_time_t is signed in Xen: a timeout with bit 63 set is in the past.
        if ((flags & VcpuOp.SingleshotFuture) != 0 && ((long)timeout < 0 || timeout < _timers.Now)) return -XenErrno.ETIME;
        _timers.SetSingleShot(v, (long)timeout < 0 ? 0 : timeout);
        return 0;
    }

    private long RegisterVcpuInfo(Vcpu caller, Vcpu v, ulong arg)
    {
        Span<byte> a = stackalloc byte[VcpuOp.RegisterVcpuInfoSize];
        int rc = GuestAccess.CopyFrom(caller, arg, a);
        if (rc != 0) return rc;
        ulong gfn = Wire.Get64(a, 0);
        uint offset = Wire.Get32(a, 8);
        Domain d = v.Domain;
        SharedInfoPage? s = d.SharedInfo;
        if (s is null || offset > P2m.PageSize - SharedInfoLayout.VcpuInfoSize) return -XenErrno.EINVAL;
        if (s.IsVcpuInfoRegistered(v.Id)) return -XenErrno.EINVAL;
        if (v != caller && v.State != VcpuState.Down) return -XenErrno.EINVAL; // yourself or an offline vCPU
        P2m p2m = d.P2m;
        if (gfn >= p2m.PageCount || !p2m.TryTranslate(gfn * P2m.PageSize, out ulong host)) return -XenErrno.EINVAL;
        if (!s.RegisterVcpuInfo(v.Id, host + offset)) return -XenErrno.EINVAL;
        TwoLevelEvents.MarkEventsPending(d, v.Id);
        _timers?.PublishTime(v);
        return 0;
    }

    private static int StateOf(Vcpu v) => v.State switch
    {
        VcpuState.Runnable => VcpuOp.RunstateRunnable,
        VcpuState.Blocked => VcpuOp.RunstateBlocked,
        _ => VcpuOp.RunstateOffline,
    };
}
