// Talking to another domain over an interdomain event channel (event_channel.h, sched.h): allocate an unbound
// port for a peer, bind to a peer's port, and wait for an event with SCHEDOP_block. Waiting clears the port's
// selector bit and evtchn_upcall_pending before looking at the pending bit, so an event that arrives after the
// look raises upcall_pending again and SCHEDOP_block returns at once instead of sleeping through it.
namespace Xen.Guest.Kit;

/// <summary>Interdomain events for test guests (64-bit shared_info layout).</summary>
internal static unsafe class XenPeer
{
    internal const int SchedOp = 29, SchedOpYield = 0, SchedOpBlock = 1;
    internal const int EventChannelOp = 32, EvtchnBindInterdomain = 0, EvtchnSend = 4, EvtchnAllocUnbound = 6;

    /// <summary>EVTCHNOP_alloc_unbound for <paramref name="remoteDom"/>: our port or a negative errno.</summary>
    internal static long AllocUnbound(ushort remoteDom)
    {
        uint* a = stackalloc uint[2];
        a[0] = XenEvents.DomidSelf | (uint)remoteDom << 16; // dom, remote_dom
        a[1] = 0;
        long rc = Xen.Call(EventChannelOp, EvtchnAllocUnbound, (ulong)a);
        return rc < 0 ? rc : a[1];
    }

    /// <summary>EVTCHNOP_bind_interdomain to <paramref name="remotePort"/> of <paramref name="remoteDom"/>: our port or a negative errno.</summary>
    internal static long BindInterdomain(ushort remoteDom, uint remotePort)
    {
        uint* a = stackalloc uint[3];
        a[0] = remoteDom;
        a[1] = remotePort;
        a[2] = 0;
        long rc = Xen.Call(EventChannelOp, EvtchnBindInterdomain, (ulong)a);
        return rc < 0 ? rc : a[2];
    }

    /// <summary>EVTCHNOP_send on <paramref name="port"/>.</summary>
    internal static long Send(uint port) => XenEvents.PortOp(EvtchnSend, port);

    /// <summary>SCHEDOP_yield.</summary>
    internal static void Yield() => Xen.Call(SchedOp, SchedOpYield, 0);

    /// <summary>Waits for <paramref name="port"/> to become pending (and consumes it), blocking between looks;
    /// false after <paramref name="maxBlocks"/> wake-ups without it.</summary>
    internal static bool WaitEvent(byte* shared, uint port, int maxBlocks)
    {
        for (int i = 0; i <= maxBlocks; i++)
        {
            *(ulong*)(shared + XenEvents.PendingSel) &= ~(1UL << (int)(port / 64));
            shared[XenEvents.UpcallPending] = 0;
            System.Threading.Interlocked.MemoryBarrier();
            if (XenEvents.TestBit(shared, XenEvents.EvtchnPending, port))
            {
                XenEvents.SetBit(shared, XenEvents.EvtchnPending, port, false);
                return true;
            }
            if (i < maxBlocks) Xen.Call(SchedOp, SchedOpBlock, 0);
        }
        return false;
    }
}
