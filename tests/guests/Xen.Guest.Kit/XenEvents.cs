// Guest-side helpers for shared memory and events: map shared_info with XENMEM_add_to_physmap, read HVM
// params, the 2-level event-channel calls, and bit tests on shared_info. Layouts are written from Xen's
// headers (memory.h, hvm/hvm_op.h, event_channel.h, xen.h), independently of the hypervisor's own tables.
namespace Xen.Guest.Kit;

/// <summary>shared_info, HVM params and event channels for test guests (64-bit layouts).</summary>
internal static unsafe class XenEvents
{
    internal const int MemoryOp = 12, EventChannelOp = 32, HvmOp = 34;
    internal const int XenMemAddToPhysmap = 7, XenMemMemoryMap = 9;
    internal const int HvmGetParam = 1;
    internal const uint ParamConsolePfn = 17, ParamConsoleEvtchn = 18;
    internal const int EvtchnBindInterdomain = 0, EvtchnClose = 3, EvtchnSend = 4, EvtchnStatus = 5,
        EvtchnAllocUnbound = 6, EvtchnBindIpi = 7, EvtchnUnmask = 9, EvtchnInitControl = 11;
    internal const ushort DomidSelf = 0x7FF0;
    internal const long EINVAL = 22, ENOENT = 2, ENOSYS = 38;

    // shared_info (xen.h, x86-64): vcpu_info[32] × 64 bytes, evtchn_pending @2048, evtchn_mask @2560.
    internal const int EvtchnPending = 2048, EvtchnMask = 2560, UpcallPending = 0, PendingSel = 8;

    /// <summary>XENMEM_add_to_physmap(XENMAPSPACE_shared_info, idx 0) at <paramref name="gfn"/>.</summary>
    internal static long MapSharedInfo(ulong gfn)
    {
        ulong* a = stackalloc ulong[3];
        a[0] = DomidSelf; // domid @0, size @2 = 0, space @4 = XENMAPSPACE_shared_info (0)
        a[1] = 0;         // idx
        a[2] = gfn;       // gpfn
        return Xen.Call(MemoryOp, XenMemAddToPhysmap, (ulong)a);
    }

    /// <summary>HVMOP_get_param for our own domain; the value or a negative errno in <paramref name="rc"/>.</summary>
    internal static ulong GetParam(uint index, out long rc)
    {
        ulong* a = stackalloc ulong[2];
        a[0] = DomidSelf | (ulong)index << 32; // domid @0, index @4
        a[1] = ~0UL;
        rc = Xen.Call(HvmOp, HvmGetParam, (ulong)a);
        return a[1];
    }

    /// <summary>EVTCHNOP_alloc_unbound for a port our own domain may bind; port or negative errno.</summary>
    internal static long AllocUnboundToSelf()
    {
        uint* a = stackalloc uint[2];
        a[0] = DomidSelf | (uint)DomidSelf << 16; // dom, remote_dom
        a[1] = 0;
        long rc = Xen.Call(EventChannelOp, EvtchnAllocUnbound, (ulong)a);
        return rc < 0 ? rc : a[1];
    }

    /// <summary>EVTCHNOP_bind_interdomain to our own <paramref name="remotePort"/>; local port or negative errno.</summary>
    internal static long BindToSelf(uint remotePort)
    {
        uint* a = stackalloc uint[3];
        a[0] = DomidSelf;
        a[1] = remotePort;
        a[2] = 0;
        long rc = Xen.Call(EventChannelOp, EvtchnBindInterdomain, (ulong)a);
        return rc < 0 ? rc : a[2];
    }

    /// <summary>An EVTCHNOP that takes one 32-bit word (send, close, unmask, bind_ipi).</summary>
    internal static long PortOp(int cmd, uint word)
    {
        uint* a = stackalloc uint[4];
        a[0] = word; a[1] = 0; a[2] = 0; a[3] = 0;
        long rc = Xen.Call(EventChannelOp, (ulong)cmd, (ulong)a);
        return rc < 0 || cmd != EvtchnBindIpi ? rc : a[1];
    }

    /// <summary>True if <paramref name="port"/>'s bit is set in the bitmap at <paramref name="offset"/>.</summary>
    internal static bool TestBit(byte* shared, int offset, uint port) =>
        (((ulong*)(shared + offset))[port / 64] & (1UL << (int)(port % 64))) != 0;

    /// <summary>Sets or clears <paramref name="port"/>'s bit in the bitmap at <paramref name="offset"/>.</summary>
    internal static void SetBit(byte* shared, int offset, uint port, bool value)
    {
        ulong* word = (ulong*)(shared + offset) + port / 64;
        ulong bit = 1UL << (int)(port % 64);
        *word = value ? *word | bit : *word & ~bit;
    }
}
