// Xen.Guest.Events: shared_info, HVM params, the PV console ring and 2-level event channels from inside a
// guest. Returns null on success or the first failure.
//   1. XENMEM_add_to_physmap maps shared_info at a page we allocate; XENMEM_memory_map reports RAM.
//   2. HVM_PARAM_CONSOLE_PFN/EVTCHN name the console ring; a line written there appears as (d1) output.
//   3. alloc_unbound(self) + bind_interdomain(self) make a loopback pair; the bind marks the new port pending.
//   4. send on one end: the other's pending bit, its selector bit in vcpu_info[0] and evtchn_upcall_pending.
//   5. A masked port stays pending without an upcall until EVTCHNOP_unmask delivers it.
//   6. Hostile: port 4096 and port 0 → -EINVAL, bind_ipi on vCPU 5 → -ENOENT, FIFO init_control → -ENOSYS.
//   7. The send → pending latency, measured with RDTSC around the hypercall.
//   8. With an upcall vector and interrupts on, each send is delivered as that interrupt (send → handler).
using Xen.Guest.Kit;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private const int Sends = 100;

    internal static string? Run(byte* startInfo)
    {
        Kit.Xen.InstallHypercallPage();
        ulong page = RuntimeState.Pages->AllocatePages(1); // guest-physical = linear (identity map)
        if (page == 0) return "no page for shared_info";
        if (XenEvents.MapSharedInfo(page / 4096) != 0) return "XENMEM_add_to_physmap(shared_info) failed";
        byte* shared = (byte*)page;

        uint* map = stackalloc uint[4];
        ulong* entries = stackalloc ulong[8];
        map[0] = 4; // nr_entries; buffer @8
        *(ulong*)(map + 2) = (ulong)entries;
        if (Kit.Xen.Call(XenEvents.MemoryOp, XenEvents.XenMemMemoryMap, (ulong)map) != 0) return "XENMEM_memory_map failed";
        if (map[0] < 1 || *(uint*)((byte*)entries + 16) != 1) return "XENMEM_memory_map has no RAM entry first";

        ulong consolePfn = XenEvents.GetParam(XenEvents.ParamConsolePfn, out long rc);
        if (rc != 0 || consolePfn == 0) return "HVM_PARAM_CONSOLE_PFN unreadable";
        ulong consolePort = XenEvents.GetParam(XenEvents.ParamConsoleEvtchn, out rc);
        if (rc != 0 || consolePort == 0) return "HVM_PARAM_CONSOLE_EVTCHN unreadable";
        byte* ring = (byte*)(consolePfn * 4096);
        if (PvConsole.Write(ring, (uint)consolePort, "events: hello through the PV console ring\n") != 0)
            return "EVTCHNOP_send on the console port failed";

        long a = XenEvents.AllocUnboundToSelf();
        if (a <= 0) return "EVTCHNOP_alloc_unbound failed";
        long b = XenEvents.BindToSelf((uint)a);
        if (b <= 0) return "EVTCHNOP_bind_interdomain to our own port failed";
        if (!XenEvents.TestBit(shared, XenEvents.EvtchnPending, (uint)b)) return "bind_interdomain did not mark the new port pending";
        Reset(shared, (uint)b);

        if (XenEvents.PortOp(XenEvents.EvtchnSend, (uint)b) != 0) return "EVTCHNOP_send failed";
        if (!XenEvents.TestBit(shared, XenEvents.EvtchnPending, (uint)a)) return "send did not set the peer's pending bit";
        if ((*(ulong*)(shared + XenEvents.PendingSel) & (1UL << (int)(a / 64))) == 0) return "send did not set the selector bit";
        if (shared[XenEvents.UpcallPending] != 1) return "send did not set evtchn_upcall_pending";
        DebugConsole.Write("events: loopback ports ");
        DebugConsole.WriteDecimal(a);
        DebugConsole.Write(" <-> ");
        DebugConsole.WriteDecimal(b);
        DebugConsole.WriteLine(": pending, selector and upcall set by send");

        Reset(shared, (uint)a);
        XenEvents.SetBit(shared, XenEvents.EvtchnMask, (uint)a, true);
        XenEvents.PortOp(XenEvents.EvtchnSend, (uint)b);
        if (!XenEvents.TestBit(shared, XenEvents.EvtchnPending, (uint)a) || shared[XenEvents.UpcallPending] != 0)
            return "a masked port raised an upcall";
        if (XenEvents.PortOp(XenEvents.EvtchnUnmask, (uint)a) != 0 || shared[XenEvents.UpcallPending] != 1)
            return "unmask did not deliver the pending port";
        if (XenEvents.TestBit(shared, XenEvents.EvtchnMask, (uint)a)) return "unmask left the mask bit set";
        DebugConsole.WriteLine("events: masked port held back, delivered by unmask");

        if (XenEvents.PortOp(XenEvents.EvtchnSend, 4096) != -XenEvents.EINVAL) return "send on port 4096 was not -EINVAL";
        if (XenEvents.PortOp(XenEvents.EvtchnSend, 0) != -XenEvents.EINVAL) return "send on port 0 was not -EINVAL";
        if (XenEvents.PortOp(XenEvents.EvtchnBindIpi, 5) != -XenEvents.ENOENT) return "bind_ipi on vCPU 5 was not -ENOENT";
        if (XenEvents.PortOp(XenEvents.EvtchnInitControl, 0) != -XenEvents.ENOSYS) return "FIFO init_control was not -ENOSYS";
        if (XenEvents.PortOp(XenEvents.EvtchnClose, (uint)b) != 0) return "close failed";
        if (XenEvents.PortOp(XenEvents.EvtchnClose, (uint)b) != -XenEvents.EINVAL) return "a second close was not -EINVAL";

        long c = XenEvents.BindToSelf((uint)a); // a is unbound again after its peer closed
        if (c <= 0) return "rebinding after close failed";
        ulong total = 0;
        for (int i = 0; i < Sends; i++)
        {
            Reset(shared, (uint)a);
            ulong start = GuestCpu.ReadTsc();
            XenEvents.PortOp(XenEvents.EvtchnSend, (uint)c);
            while (shared[XenEvents.UpcallPending] == 0) { }
            total += GuestCpu.ReadTsc() - start;
        }
        DebugConsole.Write("events: send to pending+upcall ");
        DebugConsole.WriteDecimal(total / Sends);
        DebugConsole.WriteLine(" cycles (guest RDTSC)");
        return Upcalls(shared, (uint)a, (uint)c);
    }

    // 8. With HVMOP_set_evtchn_upcall_vector and interrupts on, a send makes the hypervisor inject the vector.
    private static string? Upcalls(byte* shared, uint a, uint c)
    {
        byte* op = stackalloc byte[8];
        *(uint*)op = 0;       // vcpu
        op[4] = UpcallVector; // vector
        if (Kit.Xen.Call(XenEvents.HvmOp, 23, (ulong)op) != 0) return "HVMOP_set_evtchn_upcall_vector failed";
        GuestCpu.InstallUpcallVector(UpcallVector);
        GuestCpu.EnableInterrupts();
        Kit.Xen.Call(Kit.Xen.XenVersion, 0); // an entry for upcalls raised before the vector existed
        ulong total = 0;
        for (int i = 0; i < Sends; i++)
        {
            Reset(shared, a);
            ulong before = GuestCpu.UpcallCount();
            ulong start = GuestCpu.ReadTsc();
            XenEvents.PortOp(XenEvents.EvtchnSend, c);
            for (int spin = 0; GuestCpu.UpcallCount() == before; spin++)
                if (spin > 10_000_000) { GuestCpu.DisableInterrupts(); return "the upcall vector was not injected"; }
            total += GuestCpu.UpcallTsc() - start;
        }
        GuestCpu.DisableInterrupts();
        DebugConsole.Write("events: upcall vector 0xf3 injected, send to handler ");
        DebugConsole.WriteDecimal(total / Sends);
        DebugConsole.WriteLine(" cycles (guest RDTSC)");
        return null;
    }

    private const byte UpcallVector = 0xF3;

    private static void Reset(byte* shared, uint port)
    {
        XenEvents.SetBit(shared, XenEvents.EvtchnPending, port, false);
        *(ulong*)(shared + XenEvents.PendingSel) = 0;
        shared[XenEvents.UpcallPending] = 0;
    }
}
