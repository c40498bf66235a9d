// Xen.Guest.Hostile2: the hostile guest of the x86 hostile bundle. Its command line names its own domain id and a
// well-behaved peer's (`self=N peer=M`), which the foreign-domain and self-grant checks need. Groups, each ending
// in one summary line: bad pointers in every hypercall, out-of-range numbers, garbage in our own grant table, event
// and hypercall storms. Any mismatch with Xen's answer fails the guest (Test result: FAILURE: <first mismatch>).
// When all match it prints Test result: SUCCESS and makes its second attack: a read of guest-physical memory far
// outside its P2M, which must crash this domain only; reaching the line after the read is an isolation failure.
using Xen.Guest.Kit;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private const ulong FarOutside = 0x2000_0000; // 512 MiB: inside our page tables, far past our memory

    internal static string? Run(byte* startInfo)
    {
        if (!Kit.Xen.HasSignature(out _)) return "no Xen signature";
        Kit.Xen.InstallHypercallPage();
        long self = GuestCommandLine.Number(startInfo, "self");
        long peer = GuestCommandLine.Number(startInfo, "peer");
        if (self <= 0 || peer <= 0 || self == peer) return "command line needs self=N peer=M";

        ulong p2mEnd = P2mEnd();
        if (p2mEnd == 0) return "XENMEM_memory_map failed";
        byte* shared = Page(1);
        byte* scratch = Page(4);
        byte* frames = Page(2);
        byte* data = Page(1);
        byte* target = Page(1);
        byte* work = Page(1);
        if (shared == null || scratch == null || frames == null || data == null || target == null || work == null)
            return "out of guest pages";
        if (XenEvents.MapSharedInfo((ulong)shared / 4096) != 0) return "XENMEM_add_to_physmap(shared_info) failed";
        // No upcall may be deliverable while sched_op(poll) is attacked: it would return 0 before reading its ports.
        shared[1] = 1;          // vcpu_info[0].evtchn_upcall_mask
        shared[0] = 0;          // evtchn_upcall_pending

        PointerAttacks.Run(p2mEnd, scratch);
        Checks.EndGroup("bad pointers in every hypercall");
        LimitAttacks.Run((ushort)self, (ushort)peer, p2mEnd / 4096, scratch);
        Checks.EndGroup("huge counts, ports, refs, vCPU ids, params, frames");
        GrantGarbage.Run((ushort)self, (ushort)peer, p2mEnd / 4096, frames, data, target, work);
        Checks.EndGroup("garbage in our own grant table");
        Storms.Run(shared);
        Checks.EndGroup("event and hypercall storms");
        DebugConsole.Write("hostile2: ");
        DebugConsole.WriteDecimal((long)Checks.Deviations);
        DebugConsole.WriteLine(" deviation(s) from Xen 4.7");
        if (Checks.FirstFailure != null) return Checks.FirstFailure;

        DebugConsole.WriteLine("Test result: SUCCESS");
        DebugConsole.WriteLine("hostile2: second attack: reading guest-physical 0x20000000, outside the P2M");
        ulong value = Read((ulong*)FarOutside);
        DebugConsole.Write("hostile2: ISOLATION FAILURE, read ");
        DebugConsole.WriteHex(value);
        DebugConsole.WriteLine();
        return "memory outside the P2M was readable";
    }

    // The end of the P2M: XENMEM_memory_map reports RAM, then the reserved special pages up to the last frame.
    private static ulong P2mEnd()
    {
        uint* map = stackalloc uint[4];
        byte* entries = stackalloc byte[4 * 20];
        map[0] = 4;
        *(ulong*)(map + 2) = (ulong)entries;
        if (Kit.Xen.Call(Abi.MemoryOp, Abi.XenMemMemoryMap, (ulong)map) != 0 || map[0] == 0) return 0;
        byte* last = entries + (map[0] - 1) * 20; // e820 entry {addr u64 @0, size u64 @8, type u32 @16}
        return *(ulong*)last + *(ulong*)(last + 8);
    }

    private static byte* Page(ulong count) => (byte*)RuntimeState.Pages->AllocatePages(count);

    // Not inlined, so the optimiser cannot drop or move the deliberate access.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ulong Read(ulong* address) => *address;
}
