// Group 3: our own grant table as the attack surface. Two shared frames are put into our physical address space
// with XENMEM_add_to_physmap(XENMAPSPACE_grant_table); a well-formed self grant proves map/unmap work (and that a
// read-only grant cannot be mapped writable or written through gnttab_copy), then both frames are filled with
// pseudo-random garbage plus hand-made near-valid entries (wrong type, sub-page, transitive, another domain,
// frames outside the P2M or on the grant frame itself) and every ref in them is mapped, mapped read-only and used
// as a copy source and destination. Every answer must be a GNTST_* error (grant_table.h: -1 .. -12) and the
// hypervisor must keep running; a clean entry afterwards must still map, so nothing stays pinned.
namespace Xen.Guest;

internal static unsafe class GrantGarbage
{
    private const uint Refs = 1024; // two v1 frames of 512 entries

    /// <summary><paramref name="frames"/>: 2 pages for the grant frames; <paramref name="data"/>: a page we grant;
    /// <paramref name="target"/>: a page whose frame maps land on; <paramref name="work"/>: a page for batches.</summary>
    internal static void Run(ushort self, ushort peer, ulong p2mPages, byte* frames, byte* data, byte* target, byte* work)
    {
        target[5] = 0xA5;
        Checks.Expect(AddGrantFrame(0, (ulong)frames / 4096), 0, "add_to_physmap(grant_table 0)");
        Checks.Expect(AddGrantFrame(1, (ulong)frames / 4096 + 1), 0, "add_to_physmap(grant_table 1)");
        ulong dataGfn = (ulong)data / 4096;
        for (int i = 0; i < 4096; i++) data[i] = (byte)i;

        // A good self grant: writable map and unmap; then read-only.
        Grant(frames, 16, 1, self, dataGfn);
        Checks.Expect(LimitAttacks.Map(self, 16, target, 0, out uint handle), Abi.GntOkay, "map of a good self grant");
        Checks.True(target[5] == 5, "the mapped grant shows the granted page");
        Checks.Expect(LimitAttacks.Unmap(target, handle), Abi.GntOkay, "unmap of the good self grant");
        Grant(frames, 17, 1 | 4, self, dataGfn); // GTF_permit_access | GTF_readonly
        Checks.Expect(LimitAttacks.Map(self, 17, target, 0, out _), Abi.GntGeneralError, "writable map of a read-only grant");
        Checks.Expect(LimitAttacks.Map(self, 17, target, 1, out handle), Abi.GntOkay, "read-only map of a read-only grant");
        Checks.Expect(LimitAttacks.Copy(dataGfn, Abi.DomidSelf, 0, (ulong)target / 4096, Abi.DomidSelf, 0, 8, 0),
            Abi.GntBadPage, "grant copy into a frame holding a read-only mapped grant");
        Checks.Expect(LimitAttacks.Copy(dataGfn, Abi.DomidSelf, 0, 17, self, 0, 8, 2), Abi.GntGeneralError, "grant copy into a read-only grant");
        Checks.Expect(LimitAttacks.Unmap(target, handle), Abi.GntOkay, "unmap of the read-only mapping");
        Checks.Expect(LimitAttacks.Map(self, 16, frames, 0, out _), Abi.GntGeneralError, "grant map over our own grant frame");
        Checks.Expect(LimitAttacks.Map(self, 16, (byte*)(p2mPages * 4096), 0, out _), Abi.GntGeneralError, "grant map at a frame past the P2M");
        Checks.Expect(LimitAttacks.Map(self, 16, (byte*)0x8000_0000_0000_0000, 0, out _), Abi.GntGeneralError, "grant map at a non-canonical host_addr");
        Checks.Expect(LimitAttacks.Map(peer, 16, target, 0, out _), Abi.GntGeneralError, "grant map of another domain's unused ref");

        Scribble(frames, self);
        // Near-valid entries that reach the deeper checks.
        Grant(frames, 100, 1, self, 0xFFFF_FFFF);             // frame far outside the P2M
        Grant(frames, 101, 1, self, (ulong)frames / 4096);    // the grant frame itself (checked by the loop below)
        Grant(frames, 102, 1 | 1 << 8, self, dataGfn);        // GTF_sub_page: not mappable in v1, copyable
        Grant(frames, 103, 3, self, dataGfn);                 // GTF_transitive
        Grant(frames, 104, 2, self, dataGfn);                 // GTF_accept_transfer
        Grant(frames, 105, 1, peer, dataGfn);                 // granted to another domain
        Grant(frames, 106, 1, self, p2mPages);                // the first frame past the P2M
        Checks.Expect(LimitAttacks.Map(self, 100, target, 0, out _), Abi.GntBadPage, "map of a grant of frame 2^32-1");
        Checks.Expect(LimitAttacks.Map(self, 102, target, 0, out _), Abi.GntGeneralError, "map of a v1 sub-page grant");
        Checks.Expect(LimitAttacks.Map(self, 103, target, 0, out _), Abi.GntGeneralError, "map of a transitive grant");
        Checks.Expect(LimitAttacks.Map(self, 104, target, 0, out _), Abi.GntGeneralError, "map of an accept_transfer entry");
        Checks.Expect(LimitAttacks.Map(self, 105, target, 0, out _), Abi.GntGeneralError, "map of a grant to another domain");
        Checks.Expect(LimitAttacks.Map(self, 106, target, 0, out _), Abi.GntBadPage, "map of a grant of the frame past the P2M");

        int answered = 0;
        for (uint gref = 0; gref < Refs; gref++)
        {
            answered += GntError(LimitAttacks.Map(self, gref, target, 0, out _), "map of a garbage grant");
            answered += GntError(LimitAttacks.Map(self, gref, target, 1, out _), "read-only map of a garbage grant");
            if (gref == 102) continue; // a valid grant for copy: v1 ignores GTF_sub_page unless mapping (below)
            answered += GntError(LimitAttacks.Copy(gref, self, 0, dataGfn, Abi.DomidSelf, 0, 64, 1), "copy from a garbage grant");
            answered += GntError(LimitAttacks.Copy(dataGfn, Abi.DomidSelf, 0, gref, self, 128, 64, 2), "copy into a garbage grant");
        }
        Checks.Expect(answered, 4 * Refs - 2, "garbage grant operations answered with GNTST errors");
        // Xen 4.7 _set_status_v1 checks GTF_sub_page only for maps; a copy through entry 102 works on the whole page.
        Checks.Expect(LimitAttacks.Copy(102, self, 0, dataGfn, Abi.DomidSelf, 0, 64, 1), Abi.GntOkay, "copy from a v1 grant with GTF_sub_page");
        Checks.Expect(LimitAttacks.Copy(dataGfn, Abi.DomidSelf, 0, 102, self, 128, 64, 2), Abi.GntOkay, "copy into a v1 grant with GTF_sub_page");
        Checks.True(data[128 + 5] == 5, "the copy through entry 102 landed");
        Batch(self, work, target);
        Checks.True(target[5] == 0xA5 && data[5] == 5, "our pages are untouched by the failed maps and copies");

        // Clean up, then a fresh good entry must still map: no pin or maptrack slot was leaked.
        for (int i = 0; i < 8192; i++) frames[i] = 0;
        Grant(frames, 200, 1, self, dataGfn);
        Checks.Expect(LimitAttacks.Map(self, 200, target, 0, out handle), Abi.GntOkay, "map of a good grant after the garbage");
        Checks.Expect(LimitAttacks.Unmap(target, handle), Abi.GntOkay, "unmap of the good grant after the garbage");
        Checks.Expect(*(ushort*)(frames + 200 * 8) & (8 | 16), 0, "GTF_reading/GTF_writing cleared after unmap");
        GarbageAnswers = answered;
    }

    /// <summary>Garbage map/copy operations answered with a GNTST error in the last run.</summary>
    internal static int GarbageAnswers;

    // One map_grant_ref call with 64 garbage elements (refs 300-363, some with garbage flags): the call succeeds
    // and every element carries its own GNTST error; then 64 unmaps of handles never given.
    private static void Batch(ushort self, byte* ops, byte* target)
    {
        ulong* a = (ulong*)ops;
        for (int i = 0; i < 64; i++)
        {
            a[i * 4] = (ulong)target;
            a[i * 4 + 1] = (uint)(2 | (i & 1) << 2 | (i % 7 == 0 ? 1 << 3 : 0)) | (ulong)(300 + i) << 32;
            a[i * 4 + 2] = self | 0x7FFFUL << 16;
            a[i * 4 + 3] = 0;
        }
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntMap, (ulong)a, 64), 0, "batched map of 64 garbage grants (call)");
        int errors = 0;
        for (int i = 0; i < 64; i++)
        {
            short status = (short)(a[i * 4 + 2] >> 16);
            if (status < 0 && status >= -12) errors++;
        }
        Checks.Expect(errors, 64, "batched garbage maps each answered with a GNTST error");
        for (int i = 0; i < 64; i++)
        {
            a[i * 3] = (ulong)target;
            a[i * 3 + 1] = 0;
            a[i * 3 + 2] = (uint)(0xFFFF_0000 + i) | 0x7FFFUL << 32;
        }
        Checks.Expect(Abi.Call(Abi.GrantTableOp, Abi.GntUnmap, (ulong)a, 64), 0, "batched unmap of 64 garbage handles (call)");
        errors = 0;
        for (int i = 0; i < 64; i++) if ((short)(a[i * 3 + 2] >> 32) == Abi.GntBadHandle) errors++;
        Checks.Expect(errors, 64, "batched garbage unmaps each answered GNTST_bad_handle");
    }

    private static int GntError(long status, string what)
    {
        if (status < 0 && status >= -12) return 1;
        Checks.Expect(status, -1, what); // reports the mismatch (any GNTST error would do)
        return 0;
    }

    // xorshift64 garbage over both frames; an entry that happens to be a permit_access grant to us gets another
    // domid, so the answers are known to be errors.
    private static void Scribble(byte* frames, ushort self)
    {
        ulong x = 0x9E37_79B9_7F4A_7C15;
        ulong* words = (ulong*)frames;
        for (int i = 0; i < (int)Refs; i++)
        {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            ulong entry = x;
            if ((entry & 3) == 1 && (ushort)(entry >> 16) == self) entry ^= 1UL << 16;
            words[i] = entry;
        }
    }

    // A v1 entry {flags u16 @0, domid u16 @2, frame u32 @4}; flags last, as grant_table.h asks.
    private static void Grant(byte* frames, uint gref, ushort flags, ushort domid, ulong frame)
    {
        byte* e = frames + gref * 8;
        *(ushort*)(e + 2) = domid;
        *(uint*)(e + 4) = (uint)frame;
        System.Threading.Interlocked.MemoryBarrier();
        *(ushort*)e = flags;
    }

    private static long AddGrantFrame(ulong index, ulong gfn)
    {
        ulong* a = stackalloc ulong[3];
        a[0] = Abi.DomidSelf | (ulong)Abi.MapSpaceGrantTable << 32;
        a[1] = index;
        a[2] = gfn;
        return Abi.Call(Abi.MemoryOp, Abi.XenMemAddToPhysmap, (ulong)a);
    }
}
