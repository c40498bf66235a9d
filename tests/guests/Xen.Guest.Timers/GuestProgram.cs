// Xen.Guest.Timers: guest time from inside a guest. Returns null on success or the first failure.
//   1. Maps shared_info, binds VIRQ_TIMER on vCPU 0, registers upcall vector 0xF3 and enables interrupts.
//   2. Hostile arguments: a past deadline with VCPU_SSHOTTMR_future is -ETIME, a 0.5 ms period -EINVAL, a timer
//      on vCPU 7 -ENOENT, a single-shot for another vCPU -EINVAL.
//   3. A single-shot 5 ms ahead: SCHEDOP_block returns once it fired, as the upcall, not before its deadline.
//   4. A 10 ms periodic timer: ≥ 10 upcalls while blocking; pvclock system time (vcpu_time_info) never goes
//      backwards and covers at least the periods that passed.
//   5. When the domain has a vCPU 1 (hypervisor command line vcpus=2), or the guest's own command line says
//      `smp` (then a missing vCPU 1 fails): vCPU 1 is initialised in long mode (VCPUOP_initialise with a
//      vcpu_hvm_context) at an assembly stub, brought up (VCPUOP_up), and runs it. QEMU gives a PVH boot module
//      no command line, so the vCPU count is what normally decides.
using Xen.Guest.Kit;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private const byte UpcallVector = 0xF3;
    private const ulong Millisecond = 1_000_000;
    private const int PeriodicUpcalls = 10;

    internal static string? Run(byte* startInfo)
    {
        Kit.Xen.InstallHypercallPage();
        ulong page = RuntimeState.Pages->AllocatePages(1); // guest-physical = linear (identity map)
        if (page == 0) return "no page for shared_info";
        if (XenEvents.MapSharedInfo(page / 4096) != 0) return "XENMEM_add_to_physmap(shared_info) failed";
        byte* shared = (byte*)page;

        long port = XenTime.BindVirq(XenTime.VirqTimer, 0);
        if (port <= 0) return "EVTCHNOP_bind_virq(VIRQ_TIMER) failed";
        if (XenTime.SetUpcallVector(0, UpcallVector) != 0) return "HVMOP_set_evtchn_upcall_vector failed";
        GuestCpu.InstallUpcallVector(UpcallVector);
        DebugConsole.Write("timers: VIRQ_TIMER on port ");
        DebugConsole.WriteDecimal(port);
        DebugConsole.WriteLine(", upcall vector 0xf3");

        string? failure = Hostile(shared);
        if (failure is not null) return failure;
        GuestCpu.EnableInterrupts();
        failure = SingleShot(shared, (uint)port);
        if (failure is null) failure = Periodic(shared, (uint)port);
        GuestCpu.DisableInterrupts();
        if (failure is not null) return failure;
        bool smp = HasWord(startInfo, "smp");
        if (XenTime.Op(XenTime.VcpuOpIsUp, 1) == -XenTime.ENOENT)
            return smp ? "`smp` requested but the domain has no vCPU 1 (start the hypervisor with vcpus=2)" : null;
        return BringUpVcpu1();
    }

    private static string? Hostile(byte* shared)
    {
        ulong now = XenTime.SystemTime(shared, 0, out _);
        if (XenTime.SetSingleshot(0, now > 1000 ? now - 1000 : 0, XenTime.SingleshotFuture) != -XenTime.ETIME)
            return "a past single-shot deadline with VCPU_SSHOTTMR_future was not -ETIME";
        if (XenTime.SetPeriodic(0, Millisecond / 2) != -XenTime.EINVAL) return "a 0.5 ms period was not -EINVAL";
        if (XenTime.SetPeriodic(7, 10 * Millisecond) != -XenTime.ENOENT) return "a timer on vCPU 7 was not -ENOENT";
        if (XenTime.Op(XenTime.VcpuOpIsUp, 0) != 1) return "VCPUOP_is_up(0) was not 1";
        DebugConsole.WriteLine("timers: -ETIME for a past deadline, -EINVAL for a 0.5 ms period, -ENOENT for vCPU 7");
        return null;
    }

    // Each timer event: VIRQ_TIMER's pending bit, the selector, evtchn_upcall_pending, then the vector. The
    // guest acknowledges by clearing all three so the next event raises a new upcall.
    private static void Acknowledge(byte* shared, uint port)
    {
        XenEvents.SetBit(shared, XenEvents.EvtchnPending, port, false);
        *(ulong*)(shared + XenEvents.PendingSel) = 0;
        shared[XenEvents.UpcallPending] = 0;
    }

    private static string? SingleShot(byte* shared, uint port)
    {
        Acknowledge(shared, port);
        ulong before = GuestCpu.UpcallCount();
        // 5 ms ahead; when the hypercall itself took longer than that (a loaded host under TCG, other domains
        // holding the CPUs) Xen rightly answers -ETIME for the now-past deadline: try again further ahead.
        ulong start = 0, deadline = 0;
        long rc = -XenTime.ETIME;
        for (ulong ahead = 5 * Millisecond; rc == -XenTime.ETIME && ahead <= 1280 * Millisecond; ahead *= 4)
        {
            start = XenTime.SystemTime(shared, 0, out _);
            deadline = start + ahead;
            rc = XenTime.SetSingleshot(0, deadline, XenTime.SingleshotFuture);
        }
        if (rc != 0) return "VCPUOP_set_singleshot_timer failed";
        for (int i = 0; i < 1000 && GuestCpu.UpcallCount() == before; i++) XenTime.Block();
        if (GuestCpu.UpcallCount() == before) return "the single-shot timer never arrived";
        ulong end = XenTime.SystemTime(shared, 0, out _);
        if (end < deadline) return "the single-shot timer fired before its deadline";
        DebugConsole.Write("timers: single-shot fired ");
        DebugConsole.WriteDecimal((end - start) / 1000);
        DebugConsole.Write(" us after arming (deadline ");
        DebugConsole.WriteDecimal((deadline - start) / 1000);
        DebugConsole.WriteLine(" us)");
        return null;
    }

    private static string? Periodic(byte* shared, uint port)
    {
        Acknowledge(shared, port);
        ulong first = GuestCpu.UpcallCount();
        ulong start = XenTime.SystemTime(shared, 0, out uint startVersion);
        if (XenTime.SetPeriodic(0, 10 * Millisecond) != 0) return "VCPUOP_set_periodic_timer failed";
        ulong last = start;
        // Count the VIRQ_TIMER port's firings, not raw upcalls: the vector is shared by every event channel (the
        // xenstore and console ports signal it too), and only timer firings are bound to be a period apart.
        ulong fires = 0;
        for (int i = 0; i < 10_000 && fires < PeriodicUpcalls; i++)
        {
            XenTime.Block();
            if (XenEvents.TestBit(shared, XenEvents.EvtchnPending, port)) fires++;
            Acknowledge(shared, port);
            ulong now = XenTime.SystemTime(shared, 0, out _);
            if (now < last) return "pvclock system time went backwards";
            last = now;
        }
        XenTime.Op(XenTime.VcpuOpStopPeriodicTimer, 0);
        ulong upcalls = GuestCpu.UpcallCount() - first;
        if (fires < PeriodicUpcalls) return "fewer than 10 periodic timer firings";
        if (upcalls == 0) return "the periodic timer never raised the upcall vector";
        XenTime.SystemTime(shared, 0, out uint endVersion);
        if (endVersion == startVersion) return "vcpu_time_info was never republished";
        ulong elapsed = last - start;
        if (elapsed < (PeriodicUpcalls - 1) * 10 * Millisecond) return "pvclock time advanced less than the periods that fired";
        DebugConsole.Write("timers: ");
        DebugConsole.WriteDecimal(fires);
        DebugConsole.Write(" periodic upcalls in ");
        DebugConsole.WriteDecimal(elapsed / Millisecond);
        DebugConsole.WriteLine(" ms of pvclock time, monotonic");
        return null;
    }

    private static string? BringUpVcpu1()
    {
        ulong stack = RuntimeState.Pages->AllocatePages(1);
        if (stack == 0) return "no page for vCPU 1's stack";
        const uint Efer = 0xC0000080;
        if (XenTime.Op(XenTime.VcpuOpUp, 1) != -XenTime.EINVAL) return "VCPUOP_up before VCPUOP_initialise was not -EINVAL";
        long rc = XenTime.InitialiseLongMode(1, ApCpu.EntryAddress(), stack + 4096, ApCpu.ReadCr0(), ApCpu.ReadCr3(),
            ApCpu.ReadCr4(), ApCpu.ReadMsr(Efer) & ~(1UL << 12)); // the guest's own EFER, without SVME
        if (rc == -XenTime.ENOENT) return "vCPU 1 does not exist (start the hypervisor with vcpus=2)";
        if (rc != 0) return "VCPUOP_initialise(1) failed";
        if (XenTime.InitialiseLongMode(1, ApCpu.EntryAddress(), stack + 4096, ApCpu.ReadCr0(), ApCpu.ReadCr3(), ApCpu.ReadCr4(), 0x500) != -XenTime.EEXIST)
            return "a second VCPUOP_initialise(1) was not -EEXIST";
        if (XenTime.Op(XenTime.VcpuOpIsUp, 1) != 0) return "vCPU 1 was up before VCPUOP_up";
        if (XenTime.Op(XenTime.VcpuOpUp, 1) != 0) return "VCPUOP_up(1) failed";
        if (XenTime.Op(XenTime.VcpuOpIsUp, 1) != 1) return "VCPUOP_is_up(1) was not 1 after VCPUOP_up";
        for (int i = 0; i < 100_000 && ApCpu.Arrivals() == 0; i++) Kit.Xen.Call(XenTime.SchedOp, 0 /* yield */, 0);
        if (ApCpu.Arrivals() == 0) return "vCPU 1 never ran its entry point";
        DebugConsole.WriteLine("timers: vCPU 1 up via VCPUOP_initialise (64-bit) + VCPUOP_up");
        return null;
    }

    // True if the start info's command line (hvm_start_info.cmdline_paddr @24) has <paramref name="word"/>
    // as a space-separated word.
    private static bool HasWord(byte* startInfo, string word)
    {
        byte* line = (byte*)*(ulong*)(startInfo + 24);
        if (line == null) return false;
        for (int i = 0; i < 4096 && line[i] != 0; i++)
        {
            if (i > 0 && line[i - 1] != (byte)' ') continue;
            int n = 0;
            while (n < word.Length && line[i + n] == (byte)word[n]) n++;
            if (n == word.Length && (line[i + n] == 0 || line[i + n] == (byte)' ')) return true;
        }
        return false;
    }
}
