// Nested page tables (AMD APM vol. 2 §15.25): the second translation stage, guest-physical → host-physical,
// built from the domain's P2M. Same 4-level long-mode format as host tables (APM vol. 2 §5.3). Leaves are
// 4 KiB so per-page rights (mem_access) and dirty tracking can be added without splitting. All levels carry
// P|RW|US: nested walks are treated as user accesses (APM §15.25.5), so US must be set or every guest
// access faults. A GPA outside the P2M has no entry: the access ends in a #VMEXIT(NPF) the arch layer turns
// into a domain crash. Only scrubbed P2M chunks are mapped (P2m lazy scrubbing): the first guest access to
// another chunk is an NPF that scrubs and maps that 2 MiB chunk (MapChunk) and resumes the guest.
using Xen.Core.Memory;
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Svm;

/// <summary>The nested page tables of one domain.</summary>
public sealed unsafe class NestedPageTables
{
    private const ulong Present = 1, Writable = 2, User = 4;
    private const ulong TableFlags = Present | Writable | User;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000;

    private readonly PhysicalPageAllocator* _pages;
    private ulong[] _tablePages = new ulong[16];
    private int _tableCount;

    private NestedPageTables(PhysicalPageAllocator* pages) { _pages = pages; }

    /// <summary>Physical address of the top-level table (the VMCB's N_CR3).</summary>
    public ulong Root { get; private set; }

    /// <summary>Pages used by the tables.</summary>
    public int TablePageCount => _tableCount;

    /// <summary>Builds tables mapping every scrubbed frame of <paramref name="p2m"/>; table pages come from
    /// <paramref name="pages"/>. Null (all freed) when out of memory.</summary>
    public static NestedPageTables? Build(P2m p2m, PhysicalPageAllocator* pages)
    {
        var npt = new NestedPageTables(pages);
        ulong root = npt.NewTable(pages);
        if (root == 0) return null;
        npt.Root = root;
        for (ulong gfn = 0; gfn < p2m.PageCount; gfn++)
        {
            if (!p2m.IsScrubbed(gfn)) continue;
            if (!npt.MapPage(gfn, p2m.HostPage(gfn), p2m.IsReadOnly(gfn))) { npt.Release(pages); return null; }
        }
        return npt;
    }

    /// <summary>Scrubs the P2M chunk holding <paramref name="gfn"/> and maps all of it. False if the frame is not
    /// in the P2M or table memory ran out (the domain must then be crashed).</summary>
    public bool MapChunk(P2m p2m, ulong gfn)
    {
        if (p2m.HostPage(gfn) == 0) return false;
        ulong first = p2m.Scrub(gfn);
        for (ulong g = first; g < first + P2m.RunPages && g < p2m.PageCount; g++)
            if (p2m.IsScrubbed(g) && !MapPage(g, p2m.HostPage(g), p2m.IsReadOnly(g))) return false;
        return true;
    }

    /// <summary>Rewrites the leaf of <paramref name="gfn"/> from the P2M after it changed (grant map/unmap, grant
    /// frames): mapped read-write or read-only, or absent. A frame whose chunk is not scrubbed yet stays absent:
    /// its first access scrubs and maps the chunk as usual. False only when table memory ran out.</summary>
    public bool UpdateFrame(P2m p2m, ulong gfn)
    {
        ulong host = p2m.HostPage(gfn);
        if (host != 0 && p2m.IsScrubbed(gfn)) return MapPage(gfn, host, p2m.IsReadOnly(gfn));
        ulong* pt = Find(gfn << 12);
        if (pt != null) pt[gfn & 511] = 0;
        return true;
    }

    private bool MapPage(ulong gfn, ulong host, bool readOnly)
    {
        ulong* pt = Walk(gfn << 12, _pages);
        if (pt == null) return false;
        // A read-only leaf (a read-only grant mapping) faults on write: #VMEXIT(NPF) with the write bit set.
        pt[gfn & 511] = host | (readOnly ? Present | User : TableFlags);
        return true;
    }

    // The last-level table for gpa if every level exists, else null (nothing to clear).
    private ulong* Find(ulong gpa)
    {
        ulong* table = (ulong*)Root;
        for (int level = 3; level >= 1; level--)
        {
            ulong entry = table[(gpa >> (12 + 9 * level)) & 511];
            if ((entry & Present) == 0) return null;
            table = (ulong*)(entry & AddressMask);
        }
        return table;
    }

    /// <summary>Looks a guest-physical address up like the hardware would; false when not mapped.</summary>
    public bool TryTranslate(ulong gpa, out ulong hostAddress)
    {
        hostAddress = 0;
        ulong* table = (ulong*)Root;
        for (int level = 3; level >= 0; level--)
        {
            ulong entry = table[(gpa >> (12 + 9 * level)) & 511];
            if ((entry & Present) == 0) return false;
            if (level == 0) { hostAddress = (entry & AddressMask) | (gpa & 0xFFF); return true; }
            table = (ulong*)(entry & AddressMask);
        }
        return false;
    }

    /// <summary>Frees every table page.</summary>
    public void Release(PhysicalPageAllocator* pages)
    {
        for (int i = 0; i < _tableCount; i++) pages->FreePages(_tablePages[i], 1);
        _tableCount = 0;
        Root = 0;
    }

    /// <summary>Returns the last-level table for <paramref name="gpa"/>, creating tables on the way.</summary>
    private ulong* Walk(ulong gpa, PhysicalPageAllocator* pages)
    {
        ulong* table = (ulong*)Root;
        for (int level = 3; level >= 1; level--)
        {
            ulong index = (gpa >> (12 + 9 * level)) & 511;
            if ((table[index] & Present) == 0)
            {
                ulong next = NewTable(pages);
                if (next == 0) return null;
                table[index] = next | TableFlags;
            }
            table = (ulong*)(table[index] & AddressMask);
        }
        return table;
    }

    private ulong NewTable(PhysicalPageAllocator* pages)
    {
        ulong page = pages->AllocatePages(1);
        if (page == 0) return 0;
        for (int i = 0; i < 512; i++) ((ulong*)page)[i] = 0;
        if (_tableCount == _tablePages.Length)
        {
            var larger = new ulong[_tableCount * 2];
            for (int i = 0; i < _tableCount; i++) larger[i] = _tablePages[i];
            _tablePages = larger;
        }
        _tablePages[_tableCount++] = page;
        return page;
    }
}
