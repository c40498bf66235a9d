// Hypercall numbers, sub-ops and errno values this guest attacks with, written from Xen 4.7's public headers
// (xen.h, version.h, memory.h, hvm/hvm_op.h, hvm/params.h, event_channel.h, grant_table.h, vcpu.h, sched.h,
// sysctl.h, domctl.h, platform.h, errno.h) on purpose, independently of the hypervisor's own definitions.
namespace Xen.Guest;

internal static class Abi
{
    internal const int PlatformOp = 7, MemoryOp = 12, XenVersion = 17, ConsoleIo = 18, GrantTableOp = 20, VcpuOp = 24,
        SchedOp = 29, EventChannelOp = 32, PhysdevOp = 33, HvmOp = 34, Sysctl = 35, Domctl = 36;

    internal const long EPERM = 1, ENOENT = 2, ESRCH = 3, EACCES = 13, EFAULT = 14, EEXIST = 17, EINVAL = 22, ENOSYS = 38;

    // XENMEM_* and XENMAPSPACE_*.
    internal const int XenMemMaximumRamPage = 2, XenMemAddToPhysmap = 7, XenMemMemoryMap = 9;
    internal const uint MapSpaceSharedInfo = 0, MapSpaceGrantTable = 1;
    internal const ushort DomidSelf = 0x7FF0;

    // HVMOP_* and HVM_NR_PARAMS (hvm/params.h: 37 in Xen 4.7).
    internal const int HvmSetParam = 0, HvmGetParam = 1, HvmSetEvtchnUpcallVector = 23;
    internal const uint HvmNrParams = 37, HvmParamStorePfn = 1, HvmParamConsolePfn = 17;

    // EVTCHNOP_*.
    internal const int EvtchnBindInterdomain = 0, EvtchnBindVirq = 1, EvtchnBindPirq = 2, EvtchnClose = 3, EvtchnSend = 4,
        EvtchnStatus = 5, EvtchnAllocUnbound = 6, EvtchnBindIpi = 7, EvtchnBindVcpu = 8, EvtchnUnmask = 9, EvtchnInitControl = 11;

    // GNTTABOP_* and GNTST_*.
    internal const int GntMap = 0, GntUnmap = 1, GntSetupTable = 2, GntCopy = 5, GntQuerySize = 6, GntSetVersion = 8,
        GntGetStatusFrames = 9, GntGetVersion = 10;
    internal const long GntOkay = 0, GntGeneralError = -1, GntBadDomain = -2, GntBadGntref = -3, GntBadHandle = -4,
        GntBadVirtAddr = -5, GntPermissionDenied = -8, GntBadPage = -9, GntBadCopyArg = -10;

    // VCPUOP_*.
    internal const int VcpuInitialise = 0, VcpuIsUp = 3, VcpuGetRunstateInfo = 4, VcpuRegisterRunstateArea = 5,
        VcpuSetPeriodicTimer = 6, VcpuSetSingleshotTimer = 8, VcpuRegisterVcpuInfo = 10, VcpuSendNmi = 11,
        VcpuRegisterTimeArea = 13;

    // SCHEDOP_*.
    internal const int SchedShutdown = 2, SchedPoll = 3, SchedRemoteShutdown = 4, SchedShutdownCode = 5, SchedWatchdog = 6;

    // Interface versions of the control hypercalls in Xen 4.7.
    internal const uint SysctlVersion = 0x0D, DomctlVersion = 0x0C, PlatformVersion = 0x03000001;

    internal static long Call(int number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0) => Kit.Xen.Call(number, a0, a1, a2);
}
