// The guest's view of Xen event channels on Arm: shared_info mapped with XENMEM_add_to_physmap
// (xen/include/public/memory.h: struct xen_add_to_physmap {domid_t domid; uint16_t size; unsigned int space;
// xen_ulong_t idx; xen_pfn_t gpfn;} = 24 bytes, XENMAPSPACE_shared_info 0, DOMID_SELF 0x7FF0), EVTCHNOP_bind_ipi 7
// ({uint32_t vcpu; evtchn_port_t port;}) and EVTCHNOP_send 4 (event_channel.h), and the upcall protocol of the
// 2-level ABI: clear vcpu_info.evtchn_upcall_pending, swap out evtchn_pending_sel, then take the unmasked pending
// ports word by word. Offsets are those Xen# serves today (vcpu_info 64 bytes each, evtchn_pending at 2048,
// evtchn_mask at 2560: the x86-64 layout; see the report on the Arm layout).
using System.Threading;
using Xen.Guest.Arm.Kit;
using Xen.Runtime.Memory;

namespace Xen.Guest;

internal static unsafe class XenEvents
{
    private const int MemoryOp = 12, EventChannelOp = 32, AddToPhysmap = 7, BindIpi = 7, Send = 4;
    private const int VcpuInfoSize = 64, PendingSelector = 8, EvtchnPending = 2048, EvtchnMask = 2560;

    private static byte* s_shared;

    /// <summary>Maps shared_info at a fresh page; 0 or the hypercall's error.</summary>
    internal static long MapSharedInfo()
    {
        ulong page = RuntimeState.Pages->AllocatePages(1);
        if (page == 0) return -12;
        ulong* a = stackalloc ulong[3];
        a[0] = 0x7FF0; // domid DOMID_SELF, size 0, space XENMAPSPACE_shared_info 0
        a[1] = 0;      // idx
        a[2] = page >> 12;
        long rc = Hypervisor.Call(MemoryOp, AddToPhysmap, (ulong)a);
        if (rc == 0) s_shared = (byte*)page;
        return rc;
    }

    /// <summary>An IPI port whose events go to <paramref name="vcpu"/>; the port or an error.</summary>
    internal static long BindIpiTo(uint vcpu)
    {
        uint* a = stackalloc uint[2];
        a[0] = vcpu;
        a[1] = 0;
        long rc = Hypervisor.Call(EventChannelOp, BindIpi, (ulong)a);
        return rc != 0 ? rc : a[1];
    }

    /// <summary>EVTCHNOP_send.</summary>
    internal static long SendTo(uint port)
    {
        uint* a = stackalloc uint[1];
        a[0] = port;
        return Hypervisor.Call(EventChannelOp, Send, (ulong)a);
    }

    /// <summary>Upcall handler body for <paramref name="cpu"/>: consumes its pending ports; how many.</summary>
    internal static int Consume(int cpu)
    {
        if (s_shared == null) return 0;
        byte* info = s_shared + cpu * VcpuInfoSize;
        info[0] = 0; // evtchn_upcall_pending
        Interlocked.MemoryBarrier();
        ulong selector = Interlocked.Exchange(ref *(ulong*)(info + PendingSelector), 0);
        int ports = 0;
        for (int word = 0; word < 64; word++)
        {
            if ((selector & (1UL << word)) == 0) continue;
            ulong* pending = (ulong*)(s_shared + EvtchnPending) + word;
            ulong* mask = (ulong*)(s_shared + EvtchnMask) + word;
            while (true)
            {
                ulong seen = Volatile.Read(ref *pending);
                ulong take = seen & ~Volatile.Read(ref *mask);
                if (take == 0 || Interlocked.CompareExchange(ref *pending, seen & ~take, seen) == seen)
                {
                    ports += PopCount(take);
                    break;
                }
            }
        }
        return ports;
    }

    private static int PopCount(ulong value)
    {
        int n = 0;
        for (; value != 0; value &= value - 1) n++;
        return n;
    }
}
