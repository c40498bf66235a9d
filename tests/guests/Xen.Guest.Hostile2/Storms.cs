// Group 4: load. An event storm — 100,000 EVTCHNOP_send on a loopback interdomain port with the upcall vector
// registered and interrupts enabled; the kit's handler only counts, and the loop re-arms delivery after every send
// (clears the port's pending bit, the selector and evtchn_upcall_pending, as a guest's handler would), so every
// send raises a new upcall and an injected interrupt — then a hypercall storm of 20,000 xen_version calls. Both
// report cycles (guest RDTSC) per operation; the hypervisor must survive both and keep answering.
using Xen.Guest.Kit;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class Storms
{
    internal const int Sends = 25_000, Calls = 10_000; // bounded so a loaded CI box finishes the storm in seconds
    private const byte Vector = 0xF3;

    internal static void Run(byte* shared)
    {
        long a = XenEvents.AllocUnboundToSelf();
        long b = a > 0 ? XenEvents.BindToSelf((uint)a) : a;
        Checks.True(a > 0 && b > 0, "loopback interdomain pair for the storm");
        if (a <= 0 || b <= 0) return;
        OfflineVcpu(shared, (uint)a, (uint)b);
        Checks.Expect(XenTime.SetUpcallVector(0, Vector), 0, "set_evtchn_upcall_vector 0xf3 for vCPU 0");
        GuestCpu.InstallUpcallVector(Vector);
        Rearm(shared, (uint)a);
        shared[1] = 0; // vcpu_info[0].evtchn_upcall_mask: deliver
        ulong before = GuestCpu.UpcallCount();
        GuestCpu.EnableInterrupts();
        int failures = 0;
        ulong start = GuestCpu.ReadTsc();
        for (int i = 0; i < Sends; i++)
        {
            if (XenEvents.PortOp(XenEvents.EvtchnSend, (uint)b) != 0) failures++;
            Rearm(shared, (uint)a);
        }
        ulong cycles = GuestCpu.ReadTsc() - start;
        GuestCpu.DisableInterrupts();
        shared[1] = 1;
        ulong upcalls = GuestCpu.UpcallCount() - before;
        Checks.Expect(failures, 0, "sends in the storm answered 0");
        Checks.True(upcalls > 0, "the storm's upcalls reached the handler");
        Checks.Expect(XenEvents.PortOp(XenEvents.EvtchnClose, (uint)b), 0, "close after the storm");
        Checks.Expect(XenEvents.PortOp(XenEvents.EvtchnClose, (uint)a), 0, "close of the other end after the storm");
        DebugConsole.Write("hostile2: event storm: ");
        DebugConsole.WriteDecimal((long)Sends);
        DebugConsole.Write(" sends, ");
        DebugConsole.WriteDecimal(upcalls);
        DebugConsole.Write(" upcalls, ");
        DebugConsole.WriteDecimal(cycles / Sends);
        DebugConsole.WriteLine(" cycles per send");

        failures = 0;
        start = GuestCpu.ReadTsc();
        for (int i = 0; i < Calls; i++)
            if (Kit.Xen.Call(Abi.XenVersion, 0) != 0x40007) failures++;
        cycles = GuestCpu.ReadTsc() - start;
        Checks.Expect(failures, 0, "xen_version answers in the hypercall storm");
        DebugConsole.Write("hostile2: hypercall storm: ");
        DebugConsole.WriteDecimal((long)Calls);
        DebugConsole.Write(" xen_version calls, ");
        DebugConsole.WriteDecimal(cycles / Calls);
        DebugConsole.WriteLine(" cycles per call");
    }

    // Our vCPU 1 was never brought up: route the port to it (allowed, as in Xen) and send a few events there.
    // The port must become pending without waking or breaking anything; then it is routed back to vCPU 0.
    private static void OfflineVcpu(byte* shared, uint a, uint b)
    {
        uint* op = stackalloc uint[2];
        op[0] = a; op[1] = 1;
        Checks.Expect(Kit.Xen.Call(Abi.EventChannelOp, Abi.EvtchnBindVcpu, (ulong)op), 0, "bind_vcpu of a port to our offline vCPU 1");
        Rearm(shared, a);
        int failures = 0;
        for (int i = 0; i < 100; i++)
            if (XenEvents.PortOp(XenEvents.EvtchnSend, b) != 0) failures++;
        Checks.Expect(failures, 0, "sends to a port bound to the offline vCPU 1");
        Checks.True(XenEvents.TestBit(shared, XenEvents.EvtchnPending, a), "the port bound to vCPU 1 is pending");
        Checks.True(shared[XenEvents.UpcallPending] == 0, "vCPU 0 got no upcall for vCPU 1's port");
        Checks.Expect(Kit.Xen.Call(Abi.VcpuOp, Abi.VcpuIsUp, 1), 0, "vCPU 1 is still down");
        op[0] = a; op[1] = 0;
        Checks.Expect(Kit.Xen.Call(Abi.EventChannelOp, Abi.EvtchnBindVcpu, (ulong)op), 0, "bind_vcpu of the port back to vCPU 0");
        shared[64 + XenEvents.UpcallPending] = 0; // vcpu_info[1]
        *(ulong*)(shared + 64 + XenEvents.PendingSel) = 0;
    }

    // What a guest's upcall handler does before the next event can raise a new upcall.
    private static void Rearm(byte* shared, uint port)
    {
        XenEvents.SetBit(shared, XenEvents.EvtchnPending, port, false);
        *(ulong*)(shared + XenEvents.PendingSel) = 0;
        shared[XenEvents.UpcallPending] = 0;
    }
}
