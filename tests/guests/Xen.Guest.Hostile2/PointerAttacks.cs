// Group 1: bad pointers in every hypercall the hypervisor implements. Five addresses, each in a different way
// unusable: not in our page tables (user half), inside our page tables but past the P2M, the kernel half,
// non-canonical, and one byte before the end of the P2M (every structure straddles into nothing). Xen's
// copy_from_guest/copy_to_guest fail on each of them, so every call that reads or writes its argument answers
// -EFAULT; calls that never touch the pointer answer what they would answer anyway.
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class PointerAttacks
{
    internal static void Run(ulong p2mEnd, byte* scratch)
    {
        ulong* bad = stackalloc ulong[5];
        bad[0] = 0x0000_7000_0000_0000; // canonical user half, not in our page tables
        bad[1] = 0x2000_0000;           // mapped by our page tables, past the P2M
        bad[2] = 0xFFFF_8000_0000_0000; // kernel half
        bad[3] = 0x8000_0000_0000_0000; // non-canonical
        bad[4] = p2mEnd - 1;            // the last byte of the P2M: every structure runs off its end
        for (int i = 0; i < 5; i++)
        {
            Checks.Address = bad[i];
            if (i == 3 && !NonCanonicalRefused(bad[i])) continue;
            Version(bad[i]);
            Console(bad[i]);
            Memory(bad[i], scratch);
            Hvm(bad[i]);
            Events(bad[i]);
            Grants(bad[i]);
            Vcpus(bad[i]);
            Sched(bad[i], scratch);
            Control(bad[i]);
        }
        // SCHEDOP_shutdown last, and only if every other pointer was refused: an address the hypervisor wrongly
        // reads would end this domain with a garbage reason and hide everything after it.
        for (int i = 0; i < 5 && Checks.FirstFailure == null; i++)
        {
            if (i == 3 && !s_nonCanonicalRefused) continue;
            Checks.Address = bad[i];
            Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedShutdown, bad[i]), -Abi.EFAULT, "sched_op(shutdown)");
        }
        Checks.Address = 0;
    }

    private static bool s_nonCanonicalRefused;

    // A non-canonical address cannot be accessed at all (a CPU raises #GP; AMD APM vol. 2 §5.3.1 "Canonical
    // Address Form"), so copying through it must fail. A hypervisor whose guest page walk ignores bits 63:48 reads
    // and writes the aliased canonical address instead (here: linear 0, our guest-physical 0) — with zeros read from
    // there, sched_op(watchdog) would arm a 0 s watchdog and end this domain. Probe once with a harmless write; if it
    // lands, report one deviation and skip the rest of this address.
    private static bool NonCanonicalRefused(ulong a)
    {
        long rc = Abi.Call(Abi.XenVersion, 1, a); // XENVER_extraversion: writes 16 bytes
        Checks.Deviation(rc, -Abi.EFAULT, rc, "xen_version through non-canonical 0x8000000000000000");
        s_nonCanonicalRefused = rc == -Abi.EFAULT;
        return s_nonCanonicalRefused;
    }

    private static void Version(ulong a)
    {
        const int ExtraVersion = 1, CompileInfo = 2, Capabilities = 3, Changeset = 4, PlatformParameters = 5,
            GetFeatures = 6, GuestHandle = 8, CommandLine = 9;
        Checks.Expect(Abi.Call(Abi.XenVersion, 0, a), 0x40007, "xen_version(version) ignores its pointer");
        Checks.Expect(Abi.Call(Abi.XenVersion, ExtraVersion, a), -Abi.EFAULT, "xen_version(extraversion)");
        Checks.Expect(Abi.Call(Abi.XenVersion, CompileInfo, a), -Abi.EFAULT, "xen_version(compile_info)");
        Checks.Expect(Abi.Call(Abi.XenVersion, Capabilities, a), -Abi.EFAULT, "xen_version(capabilities)");
        Checks.Expect(Abi.Call(Abi.XenVersion, Changeset, a), -Abi.EFAULT, "xen_version(changeset)");
        Checks.Expect(Abi.Call(Abi.XenVersion, PlatformParameters, a), -Abi.EFAULT, "xen_version(platform_parameters)");
        Checks.Expect(Abi.Call(Abi.XenVersion, GetFeatures, a), -Abi.EFAULT, "xen_version(get_features)");
        Checks.Expect(Abi.Call(Abi.XenVersion, GuestHandle, a), -Abi.EFAULT, "xen_version(guest_handle)");
        Checks.Expect(Abi.Call(Abi.XenVersion, CommandLine, a), -Abi.EPERM, "xen_version(commandline) by a domU");
    }

    private static void Console(ulong a)
    {
        Checks.Expect(Abi.Call(Abi.ConsoleIo, 0, 16, a), -Abi.EFAULT, "console_io write of 16 bytes");
        Checks.Expect(Abi.Call(Abi.ConsoleIo, 0, 0, a), 0, "console_io write of 0 bytes");
    }

    private static void Memory(ulong a, byte* scratch)
    {
        Checks.Expect(Abi.Call(Abi.MemoryOp, Abi.XenMemAddToPhysmap, a), -Abi.EFAULT, "memory_op(add_to_physmap)");
        Checks.Expect(Abi.Call(Abi.MemoryOp, Abi.XenMemMemoryMap, a), -Abi.EFAULT, "memory_op(memory_map)");
        // A readable xen_memory_map {nr_entries @0, buffer @8} whose buffer is the bad address.
        *(uint*)scratch = 4;
        *(ulong*)(scratch + 8) = a;
        Checks.Expect(Abi.Call(Abi.MemoryOp, Abi.XenMemMemoryMap, (ulong)scratch), -Abi.EFAULT, "memory_op(memory_map) into a bad buffer");
        Checks.True(Abi.Call(Abi.MemoryOp, Abi.XenMemMaximumRamPage, a) > 0, "memory_op(maximum_ram_page) ignores its pointer");
    }

    private static void Hvm(ulong a)
    {
        Checks.Expect(Abi.Call(Abi.HvmOp, Abi.HvmGetParam, a), -Abi.EFAULT, "hvm_op(get_param)");
        Checks.Expect(Abi.Call(Abi.HvmOp, Abi.HvmSetParam, a), -Abi.EFAULT, "hvm_op(set_param)");
        Checks.Expect(Abi.Call(Abi.HvmOp, Abi.HvmSetEvtchnUpcallVector, a), -Abi.EFAULT, "hvm_op(set_evtchn_upcall_vector)");
    }

    private static void Events(ulong a)
    {
        Checks.Expect(Abi.Call(Abi.EventChannelOp, Abi.EvtchnAllocUnbound, a), -Abi.EFAULT, "evtchn alloc_unbound");
        Checks.Expect(Abi.Call(Abi.EventChannelOp, Abi.EvtchnBindInterdomain, a), -Abi.EFAULT, "evtchn bind_interdomain");
        Checks.Expect(Abi.Call(Abi.EventChannelOp, Abi.EvtchnBindVirq, a), -Abi.EFAULT, "evtchn bind_virq");
        Checks.Expect(Abi.Call(Abi.EventChannelOp, Abi.EvtchnBindIpi, a), -Abi.EFAULT, "evtchn bind_ipi");
        Checks.Expect(Abi.Call(Abi.EventChannelOp, Abi.EvtchnClose, a), -Abi.EFAULT, "evtchn close");
        Checks.Expect(Abi.Call(Abi.EventChannelOp, Abi.EvtchnSend, a), -Abi.EFAULT, "evtchn send");
        Checks.Expect(Abi.Call(Abi.EventChannelOp, Abi.EvtchnStatus, a), -Abi.EFAULT, "evtchn status");
        Checks.Expect(Abi.Call(Abi.EventChannelOp, Abi.EvtchnBindVcpu, a), -Abi.EFAULT, "evtchn bind_vcpu");
        Checks.Expect(Abi.Call(Abi.EventChannelOp, Abi.EvtchnUnmask, a), -Abi.EFAULT, "evtchn unmask");
        Checks.Expect(Abi.Call(Abi.EventChannelOp, Abi.EvtchnInitControl, a), -Abi.ENOSYS, "evtchn init_control (FIFO ABI)");
    }

    private static void Grants(ulong a)
    {
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntMap, a, 1), -Abi.EFAULT, "grant map_grant_ref");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntUnmap, a, 1), -Abi.EFAULT, "grant unmap_grant_ref");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntCopy, a, 1), -Abi.EFAULT, "grant copy");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntSetupTable, a, 1), -Abi.EFAULT, "grant setup_table");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntQuerySize, a, 1), -Abi.EFAULT, "grant query_size");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntSetVersion, a, 1), -Abi.EFAULT, "grant set_version");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntGetStatusFrames, a, 1), -Abi.EFAULT, "grant get_status_frames");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntGetVersion, a, 1), -Abi.EFAULT, "grant get_version");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntMap, a, 0), 0, "grant map_grant_ref of 0 elements");
    }

    private static void Vcpus(ulong a)
    {
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuGetRunstateInfo, 0, a), -Abi.EFAULT, "vcpu_op(get_runstate_info)");
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuRegisterRunstateArea, 0, a), -Abi.EFAULT, "vcpu_op(register_runstate_memory_area)");
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuRegisterTimeArea, 0, a), -Abi.EFAULT, "vcpu_op(register_vcpu_time_memory_area)");
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuSetPeriodicTimer, 0, a), -Abi.EFAULT, "vcpu_op(set_periodic_timer)");
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuSetSingleshotTimer, 0, a), -Abi.EFAULT, "vcpu_op(set_singleshot_timer)");
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuRegisterVcpuInfo, 0, a), -Abi.EFAULT, "vcpu_op(register_vcpu_info)");
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuInitialise, 1, a), -Abi.EFAULT, "vcpu_op(initialise) of vCPU 1");
    }

    private static void Sched(ulong a, byte* scratch)
    {
        Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedShutdownCode, a), -Abi.EFAULT, "sched_op(shutdown_code)");
        Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedPoll, a), -Abi.EFAULT, "sched_op(poll)");
        Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedRemoteShutdown, a), -Abi.EFAULT, "sched_op(remote_shutdown)");
        Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedWatchdog, a), -Abi.EFAULT, "sched_op(watchdog)");
        // A readable sched_poll {ports @0, nr_ports @8, timeout @16} whose port list is the bad address. Only safe
        // with no event deliverable (else poll returns 0 before reading): the caller keeps upcalls masked.
        *(ulong*)scratch = a;
        *(ulong*)(scratch + 8) = 1;
        *(ulong*)(scratch + 16) = 0;
        Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedPoll, (ulong)scratch), -Abi.EFAULT, "sched_op(poll) with a bad port list");
    }

    private static void Control(ulong a)
    {
        Checks.Expect(Abi.Call(Abi.PhysdevOp, 0, a), -Abi.ENOSYS, "physdev_op (no PIRQs for PVH)");
        Checks.Expect(Abi.Call(Abi.Sysctl, a), -Abi.EFAULT, "sysctl");
        Checks.Expect(Abi.Call(Abi.Domctl, a), -Abi.EFAULT, "domctl");
        Checks.Expect(Abi.Call(Abi.PlatformOp, a), -Abi.EFAULT, "platform_op");
    }
}
