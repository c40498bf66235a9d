// Guest-side helpers for time and vCPUs: VIRQ binding, vcpu_op timers, bring-up of secondary vCPUs, and the
// pvclock computation a guest does on vcpu_time_info. Layouts and numbers are written from Xen's headers
// (vcpu.h, sched.h, event_channel.h, xen.h "Current system time", hvm/hvm_op.h, hvm/hvm_vcpu.h) on purpose,
// independently of the hypervisor's own tables.
namespace Xen.Guest.Kit;

/// <summary>Timers, pvclock and vCPU operations for test guests (64-bit layouts).</summary>
internal static unsafe class XenTime
{
    internal const int VcpuOp = 24, SchedOp = 29, EventChannelOp = 32, HvmOp = 34;
    internal const int VcpuOpInitialise = 0, VcpuOpUp = 1, VcpuOpDown = 2, VcpuOpIsUp = 3,
        VcpuOpSetPeriodicTimer = 6, VcpuOpStopPeriodicTimer = 7, VcpuOpSetSingleshotTimer = 8, VcpuOpStopSingleshotTimer = 9;
    internal const uint SingleshotFuture = 1;   // VCPU_SSHOTTMR_future
    internal const int SchedOpBlock = 1, SchedOpPoll = 3;
    internal const int EvtchnBindVirq = 1;
    internal const uint VirqTimer = 0;
    internal const int HvmOpSetEvtchnUpcallVector = 23;
    internal const long EINVAL = 22, ENOENT = 2, EEXIST = 17, ETIME = 62;

    // vcpu_info.time (struct vcpu_time_info) inside shared_info's vcpu_info[n] (64 bytes each) at offset 32:
    // version @0, tsc_timestamp @8, system_time @16, tsc_to_system_mul @24, tsc_shift @28 (int8), flags @29.
    private const int VcpuInfoSize = 64, TimeOffset = 32;

    /// <summary>EVTCHNOP_bind_virq(<paramref name="virq"/>, <paramref name="vcpu"/>): the port or a negative errno.</summary>
    internal static long BindVirq(uint virq, uint vcpu)
    {
        uint* a = stackalloc uint[3];
        a[0] = virq; a[1] = vcpu; a[2] = 0;
        long rc = Xen.Call(EventChannelOp, EvtchnBindVirq, (ulong)a);
        return rc < 0 ? rc : a[2];
    }

    /// <summary>HVMOP_set_evtchn_upcall_vector for <paramref name="vcpu"/>.</summary>
    internal static long SetUpcallVector(uint vcpu, byte vector)
    {
        byte* op = stackalloc byte[8];
        *(uint*)op = vcpu;
        op[4] = vector;
        op[5] = op[6] = op[7] = 0;
        return Xen.Call(HvmOp, HvmOpSetEvtchnUpcallVector, (ulong)op);
    }

    /// <summary>VCPUOP_set_periodic_timer(<paramref name="vcpu"/>, <paramref name="periodNs"/>).</summary>
    internal static long SetPeriodic(uint vcpu, ulong periodNs)
    {
        ulong period = periodNs;
        return Xen.Call(VcpuOp, VcpuOpSetPeriodicTimer, vcpu, (ulong)&period);
    }

    /// <summary>VCPUOP_set_singleshot_timer(<paramref name="vcpu"/>, absolute <paramref name="timeoutNs"/>, <paramref name="flags"/>).</summary>
    internal static long SetSingleshot(uint vcpu, ulong timeoutNs, uint flags)
    {
        ulong* a = stackalloc ulong[2];
        a[0] = timeoutNs;
        a[1] = flags; // uint32_t flags @8, then padding
        return Xen.Call(VcpuOp, VcpuOpSetSingleshotTimer, vcpu, (ulong)a);
    }

    /// <summary>A vcpu_op without an argument structure (stop timers, up, down, is_up).</summary>
    internal static long Op(int cmd, uint vcpu) => Xen.Call(VcpuOp, (ulong)cmd, vcpu, 0);

    /// <summary>VCPUOP_initialise(<paramref name="vcpu"/>) with a 64-bit vcpu_hvm_context: long mode at
    /// <paramref name="rip"/> on stack <paramref name="rsp"/> with the given control registers.</summary>
    internal static long InitialiseLongMode(uint vcpu, ulong rip, ulong rsp, ulong cr0, ulong cr3, ulong cr4, ulong efer)
    {
        // struct vcpu_hvm_context: mode @0 (VCPU_HVM_MODE_64B = 1), pad @4, then vcpu_hvm_x86_64 @8:
        // rax rcx rdx rbx rsp rbp rsi rdi rip rflags cr0 cr3 cr4 efer (8 bytes each). 128 bytes in all.
        ulong* c = stackalloc ulong[16];
        for (int i = 0; i < 16; i++) c[i] = 0;
        c[0] = 1;
        c[1 + 4] = rsp;
        c[1 + 8] = rip;
        c[1 + 9] = 2; // rflags: reserved bit 1, interrupts off
        c[1 + 10] = cr0;
        c[1 + 11] = cr3;
        c[1 + 12] = cr4;
        c[1 + 13] = efer;
        return Xen.Call(VcpuOp, VcpuOpInitialise, vcpu, (ulong)c);
    }

    /// <summary>SCHEDOP_block: sleep until an event is delivered.</summary>
    internal static long Block() => Xen.Call(SchedOp, SchedOpBlock, 0);

    /// <summary>System time in ns from vCPU <paramref name="vcpu"/>'s vcpu_time_info in <paramref name="shared"/>:
    /// system_time + ((tsc - tsc_timestamp) shifted by tsc_shift × tsc_to_system_mul) >> 32, retried while the
    /// version is odd or changes underneath (xen.h).</summary>
    internal static ulong SystemTime(byte* shared, int vcpu, out uint version)
    {
        byte* t = shared + vcpu * VcpuInfoSize + TimeOffset;
        while (true)
        {
            version = System.Threading.Volatile.Read(ref *(uint*)t);
            if ((version & 1) != 0) continue;
            System.Threading.Interlocked.MemoryBarrier();
            ulong stamp = *(ulong*)(t + 8);
            ulong system = *(ulong*)(t + 16);
            uint mul = *(uint*)(t + 24);
            sbyte shift = *(sbyte*)(t + 28);
            ulong tsc = GuestCpu.ReadTsc();
            System.Threading.Interlocked.MemoryBarrier();
            if (System.Threading.Volatile.Read(ref *(uint*)t) != version) continue;
            ulong delta = tsc > stamp ? tsc - stamp : 0;
            delta = shift >= 0 ? delta << shift : delta >> -shift;
            // (delta × mul) >> 32 in 64-bit pieces.
            ulong scaled = (delta >> 32) * mul + (((delta & 0xFFFFFFFF) * mul) >> 32);
            return system + scaled;
        }
    }
}
