// Xen.Guest.ArmTimers: interrupts under the vGICv3 with two vCPUs. Returns null on success or the first failure.
//   1. A device tree in x0 (FDT magic, size); the GIC set up (distributor, redistributor, ICC_* at EL1).
//   2. shared_info mapped, two IPI event channels (one notifies vCPU 1, one vCPU 0).
//   3. PSCI: CPU_ON of a vCPU that does not exist → INVALID_PARAMETERS, CPU_ON(1) → SUCCESS, again → ALREADY_ON.
//   4. Each vCPU runs a 1 ms periodic virtual timer (PPI 27) and takes ≥ 10 interrupts; the latency is CNTVCT
//      in the handler minus the programmed compare value. vCPU 1 waits with PSCI CPU_SUSPEND, vCPU 0 with WFI.
//   5. An event from vCPU 0 reaches vCPU 1 as an upcall (PPI 31) and vCPU 1 answers with one to vCPU 0.
//   6. SGI 1 from vCPU 0 to vCPU 1 (ICC_SGI1R_EL1, trapped and emulated), ten times, latency measured.
//   7. vCPU 1 turns itself off (CPU_OFF); AFFINITY_INFO(1) then reports OFF. Hypercall round trip measured.
// Interrupt handlers and vCPU 1 never allocate or print (the runtime has no locks); vCPU 0 prints everything.
using System.Threading;
using Xen.Guest.Arm.Kit;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private const int Ticks = 10, Sgis = 10;
    private const uint Sgi = 1;

    private static ulong s_period;
    private static ulong[] s_deadline = null!, s_timers = null!, s_latencySum = null!, s_latencyMax = null!, s_upcalls = null!;
    private static ulong s_spurious;
    private static ulong s_sgis, s_sgiSentAt, s_sgiLatencySum, s_sgiLatencyMax, s_ready, s_stop, s_replyPort, s_upcallSentAt, s_upcallLatency;

    internal static string? Run(ulong deviceTree)
    {
        DebugConsole.WriteLine("armtimers: EL1, two vCPUs, vGICv3, virtual timer");
        if (deviceTree == 0) return "no device tree in x0";
        byte* fdt = (byte*)deviceTree;
        uint magic = (uint)fdt[0] << 24 | (uint)fdt[1] << 16 | (uint)fdt[2] << 8 | fdt[3];
        uint size = (uint)fdt[4] << 24 | (uint)fdt[5] << 16 | (uint)fdt[6] << 8 | fdt[7];
        if (magic != 0xD00DFEED) return "x0 does not point at a device tree";
        DebugConsole.Write("armtimers: device tree at ");
        DebugConsole.WriteHex(deviceTree);
        DebugConsole.Write(", ");
        DebugConsole.WriteDecimal((ulong)size);
        DebugConsole.WriteLine(" bytes");

        s_period = GuestCpu.CounterFrequency() / 1000;
        s_deadline = new ulong[2];
        s_timers = new ulong[2];
        s_latencySum = new ulong[2];
        s_latencyMax = new ulong[2];
        s_upcalls = new ulong[2];

        if (XenEvents.MapSharedInfo() != 0) return "XENMEM_add_to_physmap(shared_info) failed";
        long toVcpu1 = XenEvents.BindIpiTo(1), toVcpu0 = XenEvents.BindIpiTo(0);
        if (toVcpu1 <= 0 || toVcpu0 <= 0) return "EVTCHNOP_bind_ipi failed";
        s_replyPort = (ulong)toVcpu0;

        GuestGic.InitializeDistributor();
        GuestGic.InitializeCpu(0);
        GuestGic.Enable(0, GuestGic.VirtualTimerPpi);
        GuestGic.Enable(0, GuestGic.EventChannelPpi);
        GuestInterrupts.SetHandler(&OnInterrupt);
        GuestCpu.EnableInterrupts();

        if ((long)GuestCpu.PsciHvc(GuestSmp.CpuOn, 5, GuestCpu.SecondaryEntry(), 0) != GuestSmp.InvalidParameters)
            return "CPU_ON of a missing vCPU did not give INVALID_PARAMETERS";
        if (GuestSmp.Start(1, &Secondary) != GuestSmp.Success) return "CPU_ON(1) failed";
        if ((long)GuestCpu.PsciHvc(GuestSmp.CpuOn, 1, GuestCpu.SecondaryEntry(), 0) != GuestSmp.AlreadyOn)
            return "CPU_ON of a running vCPU did not give ALREADY_ON";
        DebugConsole.WriteLine("armtimers: PSCI CPU_ON started vCPU 1");

        Arm(0);
        if (!WaitFor(ref s_timers[0], Ticks)) return "vCPU 0 took too few timer interrupts";
        if (!WaitFor(ref s_ready, 1)) return "vCPU 1 did not come up";
        if (!WaitFor(ref s_timers[1], Ticks)) return "vCPU 1 took too few timer interrupts";

        Volatile.Write(ref s_upcallSentAt, GuestCpu.Counter());
        if (XenEvents.SendTo((uint)toVcpu1) != 0) return "EVTCHNOP_send failed";
        if (!WaitFor(ref s_upcalls[1], 1)) return "vCPU 1 got no upcall";
        if (!WaitFor(ref s_upcalls[0], 1)) return "vCPU 0 got no upcall back";

        for (int i = 0; i < Sgis; i++)
        {
            Volatile.Write(ref s_sgiSentAt, GuestCpu.Counter());
            GuestGic.SendSgi(Sgi, 1u << 1);
            if (!WaitFor(ref s_sgis, (ulong)(i + 1))) return "vCPU 1 did not take the SGI";
        }

        Volatile.Write(ref s_stop, 1);
        ulong start = GuestCpu.Counter();
        while (GuestSmp.Affinity(1) != 1)
        {
            if (GuestCpu.Counter() - start > 100 * s_period * 50) return "AFFINITY_INFO never reported vCPU 1 off";
            GuestCpu.WaitForInterrupt();
        }
        GuestCpu.DisableInterrupts(); // before touching the timer: CVAL 0 with ENABLE still set would fire at once
        GuestCpu.TimerSet(0, 0);
        DebugConsole.WriteLine("armtimers: vCPU 1 turned itself off (CPU_OFF), AFFINITY_INFO says OFF");

        Report(0);
        Report(1);
        if (s_spurious != 0)
        {
            DebugConsole.Write("armtimers: spurious timer interrupts (ISTATUS clear): ");
            DebugConsole.WriteDecimal(s_spurious);
            DebugConsole.WriteLine();
        }
        DebugConsole.Write("armtimers: event upcalls vCPU0 ");
        DebugConsole.WriteDecimal(Volatile.Read(ref s_upcalls[0]));
        DebugConsole.Write(", vCPU1 ");
        DebugConsole.WriteDecimal(Volatile.Read(ref s_upcalls[1]));
        DebugConsole.Write("; send to vCPU1 upcall ");
        DebugConsole.WriteDecimal(s_upcallLatency);
        DebugConsole.WriteLine(" CNTVCT ticks");
        DebugConsole.Write("armtimers: SGI vCPU0 -> vCPU1 x");
        DebugConsole.WriteDecimal(s_sgis);
        DebugConsole.Write(", latency avg ");
        DebugConsole.WriteDecimal(s_sgiLatencySum / Sgis);
        DebugConsole.Write(" max ");
        DebugConsole.WriteDecimal(s_sgiLatencyMax);
        DebugConsole.WriteLine(" CNTVCT ticks");

        const int RoundTrips = 200;
        start = GuestCpu.Counter();
        for (int i = 0; i < RoundTrips; i++) Hypervisor.Call(Hypervisor.XenVersion, Hypervisor.XenVerVersion);
        DebugConsole.Write("armtimers: hypercall round trip ");
        DebugConsole.WriteDecimal((GuestCpu.Counter() - start) / RoundTrips);
        DebugConsole.WriteLine(" CNTVCT ticks (xen_version)");
        return null;
    }

    private static void Secondary(int cpu)
    {
        GuestGic.InitializeCpu(cpu);
        GuestGic.Enable(cpu, GuestGic.VirtualTimerPpi);
        GuestGic.Enable(cpu, GuestGic.EventChannelPpi);
        GuestGic.Enable(cpu, Sgi);
        GuestCpu.EnableInterrupts();
        Arm(cpu);
        Volatile.Write(ref s_ready, 1);
        bool replied = false;
        while (Volatile.Read(ref s_stop) == 0)
        {
            GuestCpu.PsciHvc(GuestSmp.CpuSuspend, 0, 0, 0); // standby until an interrupt, like WFI
            if (!replied && Volatile.Read(ref s_upcalls[1]) != 0)
            {
                replied = true;
                XenEvents.SendTo((uint)s_replyPort);
            }
        }
        GuestCpu.DisableInterrupts();
        GuestCpu.TimerSet(0, 0);
    }

    private static void OnInterrupt(int cpu, uint intid)
    {
        ulong now = GuestCpu.Counter();
        if (intid == GuestGic.VirtualTimerPpi)
        {
            // CNTV_CTL_EL0.ISTATUS (bit 2): the condition really is met; else the interrupt is spurious.
            if ((GuestCpu.TimerControl() & 4) == 0)
            {
                s_spurious++;
                return;
            }
            ulong latency = now - s_deadline[cpu];
            s_latencySum[cpu] += latency;
            if (latency > s_latencyMax[cpu]) s_latencyMax[cpu] = latency;
            Volatile.Write(ref s_timers[cpu], s_timers[cpu] + 1);
            Arm(cpu);
        }
        else if (intid == GuestGic.EventChannelPpi)
        {
            if (cpu == 1 && s_upcallLatency == 0) s_upcallLatency = now - Volatile.Read(ref s_upcallSentAt);
            XenEvents.Consume(cpu);
            Volatile.Write(ref s_upcalls[cpu], s_upcalls[cpu] + 1);
        }
        else if (intid == Sgi)
        {
            ulong latency = now - Volatile.Read(ref s_sgiSentAt);
            s_sgiLatencySum += latency;
            if (latency > s_sgiLatencyMax) s_sgiLatencyMax = latency;
            Volatile.Write(ref s_sgis, s_sgis + 1);
        }
    }

    // The next tick one period from now: CVAL, then CTL = ENABLE (clears the IMASK the hypervisor set).
    private static void Arm(int cpu)
    {
        s_deadline[cpu] = GuestCpu.Counter() + s_period;
        GuestCpu.TimerSet(s_deadline[cpu], 1);
    }

    // Waits (WFI: every timer tick wakes us) until the counter reaches `target`, for at most 5 s of virtual time.
    private static bool WaitFor(ref ulong counter, ulong target)
    {
        ulong start = GuestCpu.Counter();
        while (Volatile.Read(ref counter) < target)
        {
            if (GuestCpu.Counter() - start > s_period * 5000) return false;
            GuestCpu.WaitForInterrupt();
        }
        return true;
    }

    private static void Report(int cpu)
    {
        ulong n = Volatile.Read(ref s_timers[cpu]);
        DebugConsole.Write("armtimers: vCPU");
        DebugConsole.WriteDecimal((ulong)cpu);
        DebugConsole.Write(" took ");
        DebugConsole.WriteDecimal(n);
        DebugConsole.Write(" timer interrupts, injection latency avg ");
        DebugConsole.WriteDecimal(n == 0 ? 0 : s_latencySum[cpu] / n);
        DebugConsole.Write(" max ");
        DebugConsole.WriteDecimal(s_latencyMax[cpu]);
        DebugConsole.WriteLine(" CNTVCT ticks");
    }
}
