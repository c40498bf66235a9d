// Group 2: numbers out of range. Huge counts (grant batches of 2^31 and 65537 elements, a poll of 1000 ports,
// a console write of 2^31 bytes), event ports 4096, 2^31 and the reserved port 0, grant refs past the table and past
// 32 frames, vCPU ids 7, 128 and 2^31 for vcpu_op/bind_virq/bind_ipi/bind_vcpu/set_evtchn_upcall_vector, HVM params
// out of range or of a foreign domain, XENMEM_add_to_physmap of shared_info/grant frames at frames outside the P2M,
// and the control hypercalls' version/privilege gates. Expected values are Xen 4.7's (errno.h, the GNTST_* codes
// of grant_table.h); the few places where this hypervisor knowingly differs go through Checks.Deviation.
namespace Xen.Guest;

internal static unsafe class LimitAttacks
{
    private const ulong Unmapped = 0x0000_7000_0000_0000;
    private const ushort NoSuchDomain = 0x1234;

    internal static void Run(ushort self, ushort peer, ulong p2mPages, byte* scratch)
    {
        Counts(scratch);
        Ports(peer);
        VcpuIds();
        Hvm(peer);
        Physmap(peer, p2mPages, scratch);
        GrantLimits(self, peer, p2mPages, scratch);
        Control(self);
        TimeAreas();
    }

    private static void Counts(byte* scratch)
    {
        Checks.Deviation(Abi.Call(Abi.ConsoleIo, 0, 1UL << 31, (ulong)scratch), 0, -Abi.EINVAL,
            "console_io write of 2^31 bytes (Xen: int count<0, nothing written)");
        for (int cmd = 0; cmd <= Abi.GntGetVersion; cmd++)
            Checks.Expect(Abi.Call(Abi.GrantTableOp, (ulong)cmd, Unmapped, 1UL << 31), -Abi.EINVAL, "grant_table_op with count 2^31");
        Checks.Deviation(Abi.Call(Abi.GrantTableOp, Abi.GntMap, Unmapped, 65537), -Abi.EFAULT, -Abi.EINVAL,
            "grant map of 65537 elements (Xen: no batch bound)");
        Checks.Deviation(Abi.Call(Abi.GrantTableOp, Abi.GntCopy, Unmapped, 65537), -Abi.EFAULT, -Abi.EINVAL,
            "grant copy of 65537 elements (Xen: no batch bound)");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntMap, Unmapped, 65536), -Abi.EFAULT, "grant map of 65536 elements from an unmapped array");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntQuerySize, (ulong)scratch, 2), -Abi.EINVAL, "grant query_size with count 2");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntSetupTable, (ulong)scratch, 0), -Abi.EINVAL, "grant setup_table with count 0");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, 1 << 12 | Abi.GntMap, (ulong)scratch, 1), -Abi.EINVAL, "grant_table_op with continuation bits");
        Checks.Expect(Abi.Call(Abi.GrantTableOp, 4095, (ulong)scratch, 1), -Abi.ENOSYS, "grant_table_op 4095");

        // sched_poll {ports @0, nr_ports @8, timeout @16}: more than 128 ports, then ports beyond the table.
        ulong* poll = (ulong*)scratch;
        uint* ports = (uint*)(scratch + 64);
        for (int i = 0; i < 1000; i++) ports[i] = 4096;
        poll[0] = (ulong)ports; poll[1] = 1000; poll[2] = 0;
        Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedPoll, (ulong)poll), -Abi.EINVAL, "sched_op(poll) of 1000 ports");
        poll[0] = Unmapped;
        Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedPoll, (ulong)poll), -Abi.EINVAL, "sched_op(poll) of 1000 ports at an unmapped list");
        poll[0] = (ulong)ports; poll[1] = 1;
        Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedPoll, (ulong)poll), -Abi.EINVAL, "sched_op(poll) of port 4096");
        ports[0] = 1u << 31;
        Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedPoll, (ulong)poll), -Abi.EINVAL, "sched_op(poll) of port 2^31");
        Checks.Expect(Abi.Call(Abi.SchedOp, 0xFFFF), -Abi.ENOSYS, "unknown sched_op");
    }

    private static void Ports(ushort peer)
    {
        uint* bad = stackalloc uint[2];
        bad[0] = 4096;
        bad[1] = 1u << 31;
        for (int i = 0; i < 2; i++)
        {
            Checks.Expect(PortOp(Abi.EvtchnSend, bad[i]), -Abi.EINVAL, "evtchn send beyond the table");
            Checks.Expect(PortOp(Abi.EvtchnUnmask, bad[i]), -Abi.EINVAL, "evtchn unmask beyond the table");
            Checks.Expect(PortOp(Abi.EvtchnClose, bad[i]), -Abi.EINVAL, "evtchn close beyond the table");
            Checks.Expect(Status(bad[i], out _), -Abi.EINVAL, "evtchn status beyond the table");
            Checks.Expect(Pair(Abi.EvtchnBindVcpu, bad[i], 0), -Abi.EINVAL, "evtchn bind_vcpu beyond the table");
            Checks.Expect(BindInterdomain(Abi.DomidSelf, bad[i]), -Abi.EINVAL, "evtchn bind_interdomain to our port beyond the table");
        }
        Checks.Expect(PortOp(Abi.EvtchnSend, 0), -Abi.EINVAL, "evtchn send on reserved port 0");
        Checks.Expect(PortOp(Abi.EvtchnClose, 0), -Abi.EINVAL, "evtchn close of reserved port 0");
        Checks.Expect(PortOp(Abi.EvtchnUnmask, 0), 0, "evtchn unmask of port 0 (a valid port)");
        Checks.Expect(Status(0, out uint status), 0, "evtchn status of port 0");
        Checks.Expect(status, 0, "port 0 reads EVTCHNSTAT_closed");
        Checks.Expect(Pair(Abi.EvtchnBindVcpu, 0, 0), -Abi.EINVAL, "evtchn bind_vcpu of reserved port 0");
        Checks.Expect(BindInterdomain(Abi.DomidSelf, 0), -Abi.EINVAL, "evtchn bind_interdomain to our reserved port 0");
        Checks.Expect(BindInterdomain(NoSuchDomain, 1), -Abi.ESRCH, "evtchn bind_interdomain to a domain that does not exist");
        Checks.Expect(AllocUnbound(peer, Abi.DomidSelf), -Abi.EPERM, "evtchn alloc_unbound for another domain (XSM)");
        Checks.Expect(AllocUnbound(NoSuchDomain, Abi.DomidSelf), -Abi.ESRCH, "evtchn alloc_unbound for a domain that does not exist");
        Checks.Expect(Pair(Abi.EvtchnBindVirq, 24, 0), -Abi.EINVAL, "evtchn bind_virq of VIRQ 24");
        Checks.Expect(Pair(Abi.EvtchnBindVirq, 1u << 31, 0), -Abi.EINVAL, "evtchn bind_virq of VIRQ 2^31");
        Checks.Expect(Pair(Abi.EvtchnBindVirq, 2, 1), -Abi.EINVAL, "evtchn bind_virq of global VIRQ_CONSOLE on vCPU 1");
        Checks.Expect(PortOp(Abi.EvtchnBindPirq, 1), -Abi.ENOSYS, "evtchn bind_pirq");
    }

    private static void VcpuIds()
    {
        uint* bad = stackalloc uint[3];
        bad[0] = 7;
        bad[1] = 128;
        bad[2] = 1u << 31;
        byte* op = stackalloc byte[8];
        for (int i = 0; i < 3; i++)
        {
            uint v = bad[i];
            Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuIsUp, v), -Abi.ENOENT, "vcpu_op(is_up) of a vCPU we do not have");
            Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuInitialise, v, Unmapped), -Abi.ENOENT, "vcpu_op(initialise) of a vCPU we do not have");
            Checks.Expect(Pair(Abi.EvtchnBindVirq, 0, v), -Abi.ENOENT, "evtchn bind_virq(VIRQ_TIMER) on a vCPU we do not have");
            Checks.Expect(PortOp(Abi.EvtchnBindIpi, v), -Abi.ENOENT, "evtchn bind_ipi on a vCPU we do not have");
            Checks.Expect(Pair(Abi.EvtchnBindVcpu, 1, v), -Abi.ENOENT, "evtchn bind_vcpu to a vCPU we do not have");
            *(uint*)op = v;
            op[4] = 0xF3; op[5] = op[6] = op[7] = 0;
            Checks.Expect(Abi.Call(Abi.HvmOp, Abi.HvmSetEvtchnUpcallVector, (ulong)op), -Abi.ENOENT, "set_evtchn_upcall_vector for a vCPU we do not have");
        }
        // Xen 4.7's hvm_vcpu_op filters the command before do_vcpu_op looks at the vCPU id.
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuSendNmi, 0), -Abi.ENOSYS, "vcpu_op(send_nmi) from a PVH guest");
        Checks.Deviation(Abi.Call(Abi.VcpuOp, Abi.VcpuSendNmi, 7), -Abi.ENOSYS, -Abi.ENOENT,
            "vcpu_op(send_nmi) on vCPU 7 (Xen: command filter first)");
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuSetSingleshotTimer, 1, Unmapped), -Abi.EINVAL, "vcpu_op(set_singleshot_timer) on another vCPU");
        ulong period = 999_999;
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuSetPeriodicTimer, 0, (ulong)&period), -Abi.EINVAL, "vcpu_op(set_periodic_timer) below 1 ms");
        ulong* info = stackalloc ulong[2];
        info[0] = 0x2000_0000 / 4096; info[1] = 0; // register_vcpu_info {mfn @0, offset @8}
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuRegisterVcpuInfo, 0, (ulong)info), -Abi.EINVAL, "vcpu_op(register_vcpu_info) at a frame outside the P2M");
        info[0] = ulong.MaxValue; info[1] = 0;
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuRegisterVcpuInfo, 0, (ulong)info), -Abi.EINVAL, "vcpu_op(register_vcpu_info) at frame 2^64-1");
        info[0] = 0x400; info[1] = 4090;
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuRegisterVcpuInfo, 0, (ulong)info), -Abi.EINVAL, "vcpu_op(register_vcpu_info) at offset 4090");
        op[4] = 0x0F;
        *(uint*)op = 0;
        Checks.Expect(Abi.Call(Abi.HvmOp, Abi.HvmSetEvtchnUpcallVector, (ulong)op), -Abi.EINVAL, "set_evtchn_upcall_vector 0x0f");
    }

    private static void Hvm(ushort peer)
    {
        Checks.Expect(Param(Abi.HvmGetParam, Abi.DomidSelf, Abi.HvmNrParams), -Abi.EINVAL, "hvm get_param HVM_NR_PARAMS");
        Checks.Expect(Param(Abi.HvmGetParam, Abi.DomidSelf, 1u << 31), -Abi.EINVAL, "hvm get_param 2^31");
        Checks.Expect(Param(Abi.HvmSetParam, Abi.DomidSelf, uint.MaxValue), -Abi.EINVAL, "hvm set_param 2^32-1");
        Checks.Expect(Param(Abi.HvmSetParam, Abi.DomidSelf, Abi.HvmParamStorePfn), -Abi.EPERM, "hvm set_param STORE_PFN (toolstack-owned)");
        Checks.Expect(Param(Abi.HvmGetParam, NoSuchDomain, Abi.HvmParamConsolePfn), -Abi.ESRCH, "hvm get_param of a domain that does not exist");
        Checks.Deviation(Param(Abi.HvmGetParam, peer, Abi.HvmParamConsolePfn), -Abi.EPERM, -Abi.ESRCH,
            "hvm get_param of another domain (Xen: XSM_TARGET)");
        Checks.Deviation(Param(Abi.HvmGetParam, NoSuchDomain, 1000), -Abi.EINVAL, -Abi.ESRCH,
            "hvm get_param 1000 of no domain (Xen: index first)");
        Checks.Expect(Abi.Call(Abi.HvmOp, 0xFFFF, Unmapped), -Abi.ENOSYS, "unknown hvm_op");
    }

    private static void Physmap(ushort peer, ulong p2mPages, byte* scratch)
    {
        ulong gfn = (ulong)scratch / 4096; // a frame of ours; only ever named with an index that fails first
        Checks.Deviation(AddToPhysmap(Abi.DomidSelf, Abi.MapSpaceSharedInfo, 0, p2mPages), 0, -Abi.EINVAL,
            "add_to_physmap(shared_info) just past the P2M (Xen grows it)");
        Checks.Expect(AddToPhysmap(Abi.DomidSelf, Abi.MapSpaceSharedInfo, 0, 1UL << 40), -Abi.EINVAL, "add_to_physmap(shared_info) at gfn 2^40");
        Checks.Expect(AddToPhysmap(Abi.DomidSelf, Abi.MapSpaceSharedInfo, 0, ulong.MaxValue), -Abi.EINVAL, "add_to_physmap(shared_info) at gfn 2^64-1");
        Checks.Expect(AddToPhysmap(Abi.DomidSelf, Abi.MapSpaceSharedInfo, 1, gfn), -Abi.EINVAL, "add_to_physmap(shared_info) index 1");
        Checks.Expect(AddToPhysmap(Abi.DomidSelf, Abi.MapSpaceGrantTable, 0, 1UL << 40), -Abi.EINVAL, "add_to_physmap(grant_table 0) at gfn 2^40");
        Checks.Expect(AddToPhysmap(Abi.DomidSelf, Abi.MapSpaceGrantTable, 3, ulong.MaxValue), -Abi.EINVAL, "add_to_physmap(grant_table 3) at gfn 2^64-1");
        Checks.Expect(AddToPhysmap(Abi.DomidSelf, Abi.MapSpaceGrantTable, 32, gfn), -Abi.EINVAL, "add_to_physmap(grant_table 32), past max_grant_frames");
        Checks.Expect(AddToPhysmap(Abi.DomidSelf, Abi.MapSpaceGrantTable, 1UL << 31, gfn), -Abi.EINVAL, "add_to_physmap(grant_table 2^31) of a v1 table");
        Checks.Expect(AddToPhysmap(Abi.DomidSelf, Abi.MapSpaceGrantTable, ulong.MaxValue, gfn), -Abi.EINVAL, "add_to_physmap(grant_table 2^64-1)");
        Checks.Expect(AddToPhysmap(NoSuchDomain, Abi.MapSpaceSharedInfo, 0, gfn), -Abi.ESRCH, "add_to_physmap for a domain that does not exist");
        Checks.Deviation(AddToPhysmap(peer, Abi.MapSpaceSharedInfo, 0, gfn), -Abi.EPERM, -Abi.ESRCH,
            "add_to_physmap for another domain (Xen: XSM_TARGET)");
    }

    private static void GrantLimits(ushort self, ushort peer, ulong p2mPages, byte* scratch)
    {
        // setup_table {dom @0, nr_frames @4, status @8, frame_list @16}.
        ulong* setup = (ulong*)scratch;
        setup[0] = Abi.DomidSelf | 33UL << 32; setup[1] = 0xFFFF; setup[2] = Unmapped;
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntSetupTable, (ulong)setup, 1), 0, "grant setup_table of 33 frames (call)");
        Checks.Expect((short)setup[1], Abi.GntGeneralError, "grant setup_table of 33 frames");
        setup[0] = Abi.DomidSelf | 1UL << 32; setup[1] = 0xFFFF; setup[2] = Unmapped;
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntSetupTable, (ulong)setup, 1), 0, "grant setup_table into an unmapped list (call)");
        Checks.Expect((short)setup[1], Abi.GntBadVirtAddr, "grant setup_table into an unmapped list");
        setup[0] = NoSuchDomain | 1UL << 32; setup[1] = 0xFFFF; setup[2] = (ulong)(scratch + 64);
        Abi.Call(Abi.GrantTableOp, Abi.GntSetupTable, (ulong)setup, 1);
        Checks.Expect((short)setup[1], Abi.GntBadDomain, "grant setup_table of a domain that does not exist");
        // query_size {dom @0, nr_frames @4, max_nr_frames @8, status @12}.
        uint* query = (uint*)scratch;
        query[0] = peer; query[3] = 0xFFFF;
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntQuerySize, (ulong)query, 1), 0, "grant query_size of another domain (call)");
        Checks.Expect((short)query[3], Abi.GntPermissionDenied, "grant query_size of another domain");
        // get_version {dom @0, pad, version @4}; set_version {version @0}.
        query[0] = peer;
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntGetVersion, (ulong)query, 1), -Abi.EPERM, "grant get_version of another domain");
        query[0] = NoSuchDomain;
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntGetVersion, (ulong)query, 1), -Abi.ESRCH, "grant get_version of a domain that does not exist");
        query[0] = 3;
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntSetVersion, (ulong)query, 1), -Abi.EINVAL, "grant set_version 3");
        Checks.Expect(query[0], 1, "set_version 3 reports version 1 in effect");
        // get_status_frames {nr_frames @0, dom @4, status @6, frame_list @8} of a v1 table.
        query[0] = 1; query[1] = Abi.DomidSelf | 0xFFFFu << 16; *(ulong*)(query + 2) = Unmapped;
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntGetStatusFrames, (ulong)query, 1), 0, "grant get_status_frames of a v1 table (call)");
        Checks.Expect((short)(query[1] >> 16), Abi.GntGeneralError, "grant get_status_frames of a v1 table");

        byte* target = scratch + 4096; // an unused frame of ours as host_addr: no map below succeeds
        Checks.Expect(Map(self, 2048, target, 0, out _), Abi.GntBadGntref, "grant map of ref 2048 (past the 4 frames in use)");
        Checks.Expect(Map(self, 16384, target, 0, out _), Abi.GntBadGntref, "grant map of ref 16384 (past 32 frames)");
        Checks.Expect(Map(self, uint.MaxValue, target, 0, out _), Abi.GntBadGntref, "grant map of ref 2^32-1");
        Checks.Expect(Map(NoSuchDomain, 8, target, 0, out _), Abi.GntBadDomain, "grant map from a domain that does not exist");
        Checks.Expect(Map(Abi.DomidSelf, 8, target, 0, out _), Abi.GntBadDomain, "grant map from DOMID_SELF (not an id for map)");
        Checks.Expect(Map(self, 8, target, 0, out _, flags: 0), Abi.GntBadGntref, "grant map without GNTMAP_host_map");
        Checks.Expect(Unmap(target, uint.MaxValue), Abi.GntBadHandle, "grant unmap of handle 2^32-1");
        Checks.Expect(Unmap(target, 0), Abi.GntBadHandle, "grant unmap of a handle never given");
        ulong own = (ulong)scratch / 4096;
        Checks.Expect(Copy(p2mPages, Abi.DomidSelf, 0, own, Abi.DomidSelf, 0, 16, 0), Abi.GntBadPage, "grant copy from a frame past the P2M");
        Checks.Expect(Copy(own, Abi.DomidSelf, 0, ulong.MaxValue, Abi.DomidSelf, 0, 16, 0), Abi.GntBadPage, "grant copy to frame 2^64-1");
        Checks.Expect(Copy(16384, self, 0, own, Abi.DomidSelf, 0, 16, 1), Abi.GntBadGntref, "grant copy from our ref 16384");
        Checks.Expect(Copy(own, Abi.DomidSelf, 0, 4096, self, 0, 16, 2), Abi.GntBadGntref, "grant copy to our ref 4096");
        Checks.Expect(Copy(own, Abi.DomidSelf, 0, own, peer, 0, 16, 0), Abi.GntPermissionDenied, "grant copy to another domain's frame");
        Checks.Expect(Copy(8, NoSuchDomain, 0, own, Abi.DomidSelf, 0, 16, 1), Abi.GntBadDomain, "grant copy from a domain that does not exist");
        Checks.Expect(Copy(own, Abi.DomidSelf, 0, own, Abi.DomidSelf, 2048, 4097, 0), Abi.GntBadCopyArg, "grant copy of 4097 bytes");
        Checks.Expect(Copy(own, Abi.DomidSelf, 4000, own, Abi.DomidSelf, 0, 200, 0), Abi.GntBadCopyArg, "grant copy past the source page");
        Checks.Expect(Copy(own, Abi.DomidSelf, 0, own, Abi.DomidSelf, 65535, 1, 0), Abi.GntBadCopyArg, "grant copy to offset 65535");
    }

    private static void Control(ushort self)
    {
        byte* op = stackalloc byte[160];
        for (int i = 0; i < 160; i++) op[i] = 0;
        Checks.Expect(Abi.Call(Abi.Sysctl, (ulong)op), -Abi.EACCES, "sysctl with interface_version 0");
        *(uint*)(op + 4) = Abi.SysctlVersion;
        Checks.Expect(Abi.Call(Abi.Sysctl, (ulong)op), -Abi.EPERM, "sysctl by a domU (XSM_PRIV)");
        *(uint*)op = 2; // XEN_DOMCTL_destroydomain
        *(uint*)(op + 4) = Abi.DomctlVersion;
        *(ushort*)(op + 8) = NoSuchDomain;
        Checks.Expect(Abi.Call(Abi.Domctl, (ulong)op), -Abi.ESRCH, "domctl destroydomain of a domain that does not exist");
        *(ushort*)(op + 8) = self;
        Checks.Expect(Abi.Call(Abi.Domctl, (ulong)op), -Abi.EPERM, "domctl destroydomain of ourselves by a domU");
        *(uint*)(op + 4) = 0;
        Checks.Expect(Abi.Call(Abi.PlatformOp, (ulong)op), -Abi.EACCES, "platform_op with interface_version 0");
        *(uint*)(op + 4) = Abi.PlatformVersion;
        Checks.Expect(Abi.Call(Abi.PlatformOp, (ulong)op), -Abi.EPERM, "platform_op by a domU");
        Checks.Expect(Abi.Call(Abi.PhysdevOp, 0xFFFF, (ulong)op), -Abi.ENOSYS, "physdev_op 0xffff");
        Checks.Expect(Abi.Call(Abi.SchedOp, Abi.SchedRemoteShutdown, (ulong)ShutdownArg(NoSuchDomain, op)), -Abi.ESRCH, "sched_op(remote_shutdown) of a domain that does not exist");
    }

    // Xen accepts runstate/time areas anywhere (vcpu.h: the guest's problem); later writes through them must fail
    // quietly. Each bad area stays registered across a few reschedules, then is cleared.
    private static void TimeAreas()
    {
        ulong* area = stackalloc ulong[1];
        ulong* bad = stackalloc ulong[3];
        bad[0] = 0x2000_0000; bad[1] = 0x8000_0000_0000_0000; bad[2] = 0xFFFF_FFFF_FFFF_FFF8;
        for (int i = 0; i < 3; i++)
        {
            area[0] = bad[i];
            Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuRegisterRunstateArea, 0, (ulong)area), 0, "register_runstate_memory_area at a bad address");
            Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuRegisterTimeArea, 0, (ulong)area), 0, "register_vcpu_time_memory_area at a bad address");
            for (int y = 0; y < 20; y++) Abi.Call(Abi.SchedOp, 0); // SCHEDOP_yield: reschedule with the areas in place
        }
        area[0] = 0;
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuRegisterRunstateArea, 0, (ulong)area), 0, "register_runstate_memory_area cleared");
        Checks.Expect(Abi.Call(Abi.VcpuOp, Abi.VcpuRegisterTimeArea, 0, (ulong)area), 0, "register_vcpu_time_memory_area cleared");
    }

    private static byte* ShutdownArg(ushort domid, byte* buffer)
    {
        *(ushort*)buffer = domid; // sched_remote_shutdown {domid @0, reason @4}
        *(uint*)(buffer + 4) = 0;
        return buffer;
    }

    internal static long PortOp(int cmd, uint port)
    {
        uint* a = stackalloc uint[4];
        a[0] = port; a[1] = 0; a[2] = 0; a[3] = 0;
        return Abi.Call(Abi.EventChannelOp, (ulong)cmd, (ulong)a);
    }

    private static long Pair(int cmd, uint first, uint second)
    {
        uint* a = stackalloc uint[4];
        a[0] = first; a[1] = second; a[2] = 0; a[3] = 0;
        return Abi.Call(Abi.EventChannelOp, (ulong)cmd, (ulong)a);
    }

    private static long Status(uint port, out uint status)
    {
        uint* a = stackalloc uint[6];
        a[0] = Abi.DomidSelf; a[1] = port; a[2] = 0xFFFF; a[3] = a[4] = a[5] = 0;
        long rc = Abi.Call(Abi.EventChannelOp, Abi.EvtchnStatus, (ulong)a);
        status = a[2];
        return rc;
    }

    private static long BindInterdomain(ushort remote, uint port)
    {
        uint* a = stackalloc uint[3];
        a[0] = remote; a[1] = port; a[2] = 0;
        return Abi.Call(Abi.EventChannelOp, Abi.EvtchnBindInterdomain, (ulong)a);
    }

    private static long AllocUnbound(ushort dom, ushort remote)
    {
        uint* a = stackalloc uint[2];
        a[0] = dom | (uint)remote << 16; a[1] = 0;
        return Abi.Call(Abi.EventChannelOp, Abi.EvtchnAllocUnbound, (ulong)a);
    }

    private static long Param(int cmd, ushort domid, uint index)
    {
        ulong* a = stackalloc ulong[2];
        a[0] = domid | (ulong)index << 32; a[1] = 0;
        return Abi.Call(Abi.HvmOp, (ulong)cmd, (ulong)a);
    }

    private static long AddToPhysmap(ushort domid, uint space, ulong idx, ulong gpfn)
    {
        ulong* a = stackalloc ulong[3];
        a[0] = domid | (ulong)space << 32; // domid @0, size @2, space @4
        a[1] = idx;
        a[2] = gpfn;
        return Abi.Call(Abi.MemoryOp, Abi.XenMemAddToPhysmap, (ulong)a);
    }

    /// <summary>One map_grant_ref: the GNTST status (or the call's negative errno when it failed as a whole).</summary>
    internal static long Map(ushort dom, uint gref, byte* hostAddress, uint readOnly, out uint handle, uint flags = 2)
    {
        ulong* a = stackalloc ulong[4];
        a[0] = (ulong)hostAddress;
        a[1] = (flags | readOnly << 2) | (ulong)gref << 32; // flags @8 (GNTMAP_host_map = 2, readonly = 4), ref @12
        a[2] = dom | 0x7FFFUL << 16;                         // dom @16, status @18 poisoned with a positive value
        a[3] = 0;
        long rc = Abi.Call(Abi.GrantTableOp, Abi.GntMap, (ulong)a, 1);
        handle = (uint)(a[2] >> 32);
        return rc != 0 ? rc : (short)(a[2] >> 16);
    }

    /// <summary>One unmap_grant_ref: the GNTST status.</summary>
    internal static long Unmap(byte* hostAddress, uint handle)
    {
        ulong* a = stackalloc ulong[3];
        a[0] = (ulong)hostAddress; a[1] = 0;
        a[2] = handle | 0x7FFFUL << 32; // handle @16, status @20
        long rc = Abi.Call(Abi.GrantTableOp, Abi.GntUnmap, (ulong)a, 1);
        return rc != 0 ? rc : (short)(a[2] >> 32);
    }

    /// <summary>One gnttab_copy: the GNTST status. flags: 1 = source is a gref, 2 = dest is a gref.</summary>
    internal static long Copy(ulong source, ushort sourceDom, ushort sourceOffset, ulong dest, ushort destDom, ushort destOffset, ushort length, ushort flags)
    {
        ulong* a = stackalloc ulong[5];
        a[0] = source; a[1] = sourceDom | (ulong)sourceOffset << 16;
        a[2] = dest; a[3] = destDom | (ulong)destOffset << 16;
        a[4] = length | (ulong)flags << 16 | 0x7FFFUL << 32; // len @32, flags @34, status @36
        long rc = Abi.Call(Abi.GrantTableOp, Abi.GntCopy, (ulong)a, 1);
        return rc != 0 ? rc : (short)(a[4] >> 32);
    }
}
