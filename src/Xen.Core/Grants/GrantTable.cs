// One domain's grant table (xen/include/public/grant_table.h, Xen 4.7 semantics): the shared frames the guest
// writes grant entries into, the v2 status frames, the hypervisor's active state per entry, and the maptrack
// of mappings this domain made of other domains' grants. Frames are hypervisor pages from the page allocator
// (Xen's xenheap): 4 at creation (x86 INITIAL_NR_GRANT_FRAMES), grown on demand up to 32 (max_grant_frames),
// and shown to the guest with XENMEM_add_to_physmap(XENMAPSPACE_grant_table), which puts the page at a guest
// frame through P2m.Replace and keeps what it displaced to put back when the frame moves or goes away.
// Versions: 0 until the guest first uses the table (setup_table, add_to_physmap, set_version), then 1 or 2.
// Locking: none yet — one physical CPU runs all vCPUs, and the guest's concurrent writes to its entries are
// handled by the pin protocol in GrantTable.Entries.cs (read once, validate, compare-exchange).
using System;
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Public;
using Xen.Runtime.Memory;

namespace Xen.Core.Grants;

/// <summary>The grant table of one domain.</summary>
public sealed unsafe partial class GrantTable
{
    /// <summary>max_grant_frames (Xen 4.7 default).</summary>
    public const uint MaxFrames = 32;
    /// <summary>Frames a new table has (INITIAL_NR_GRANT_FRAMES on x86 in Xen 4.7).</summary>
    public const uint InitialFrames = 4;
    /// <summary>grant_entry_v1 per 4 KiB frame.</summary>
    public const uint EntriesPerFrameV1 = 4096 / GrantTableOp.EntryV1Size;
    /// <summary>grant_entry_v2 per 4 KiB frame.</summary>
    public const uint EntriesPerFrameV2 = 4096 / GrantTableOp.EntryV2Size;
    /// <summary>grant_status_t per 4 KiB status frame.</summary>
    public const uint StatusPerFrame = 4096 / GrantTableOp.StatusSize;
    /// <summary>Status frames of a full v2 table (grant_to_status_frames(max_grant_frames)).</summary>
    public const uint MaxStatusFrames = (MaxFrames * EntriesPerFrameV2 + StatusPerFrame - 1) / StatusPerFrame;

    /// <summary>"Not mapped into the guest" for <see cref="SharedFrameGfn"/> (INVALID_M2P_ENTRY).</summary>
    public const ulong NoGfn = ulong.MaxValue;

    private readonly PhysicalPageAllocator* _pages;
    private readonly ulong[] _shared = new ulong[MaxFrames];
    private readonly ulong[] _sharedGfn = new ulong[MaxFrames];
    private readonly ulong[] _sharedDisplaced = new ulong[MaxFrames];
    private readonly ulong[] _status = new ulong[MaxStatusFrames];
    private readonly ulong[] _statusGfn = new ulong[MaxStatusFrames];
    private readonly ulong[] _statusDisplaced = new ulong[MaxStatusFrames];
    private readonly ActiveEntry[]?[] _active = new ActiveEntry[]?[MaxFrames];
    private uint _frames;
    private uint _statusFrames;

    private GrantTable(Domain owner, PhysicalPageAllocator* pages)
    {
        Owner = owner;
        _pages = pages;
        for (int i = 0; i < _sharedGfn.Length; i++) _sharedGfn[i] = NoGfn;
        for (int i = 0; i < _statusGfn.Length; i++) _statusGfn[i] = NoGfn;
    }

    /// <summary>Creates a table for <paramref name="owner"/> with <see cref="InitialFrames"/> zeroed frames from
    /// <paramref name="pages"/>; null (nothing kept) when memory runs out. Does not attach it to the domain.</summary>
    public static GrantTable? Create(Domain owner, PhysicalPageAllocator* pages)
    {
        if (pages == null) return null;
        var table = new GrantTable(owner, pages);
        if (!table.Grow(InitialFrames)) { table.Release(); return null; }
        return table;
    }

    /// <summary><paramref name="d"/>'s table, created and attached on first use (Xen creates it with the domain);
    /// null when there is none and none can be made.</summary>
    public static GrantTable? Ensure(Domain d, PhysicalPageAllocator* pages)
    {
        if (d.GrantTable is null) d.GrantTable = Create(d, pages);
        return d.GrantTable;
    }

    /// <summary>The domain whose grants these are.</summary>
    public Domain Owner { get; }

    /// <summary>gt_version: 0 (not chosen yet), 1 or 2.</summary>
    public uint Version { get; private set; }

    /// <summary>Shared frames in use (nr_grant_frames).</summary>
    public uint FrameCount => _frames;

    /// <summary>v2 status frames in use (0 for v1).</summary>
    public uint StatusFrameCount => _statusFrames;

    /// <summary>Grant references valid in the current version (nr_grant_entries; 0 before a version is chosen).</summary>
    public uint EntryCount => Version == 1 ? _frames * EntriesPerFrameV1 : Version == 2 ? _frames * EntriesPerFrameV2 : 0;

    /// <summary>Mappings this domain made of other domains' grants.</summary>
    internal Maptrack Maptrack { get; } = new Maptrack();

    /// <summary>Mappings this domain currently holds (maptrack slots in use).</summary>
    public int MappingCount => Maptrack.InUse;

    /// <summary>Host address of shared frame <paramref name="index"/> (0 beyond <see cref="FrameCount"/>).</summary>
    public ulong SharedFrame(uint index) => index < _frames ? _shared[index] : 0;

    /// <summary>Host address of status frame <paramref name="index"/> (0 beyond <see cref="StatusFrameCount"/>).</summary>
    public ulong StatusFrame(uint index) => index < _statusFrames ? _status[index] : 0;

    /// <summary>The guest frame shared frame <paramref name="index"/> is mapped at, or <see cref="NoGfn"/>.</summary>
    public ulong SharedFrameGfn(uint index) => index < _frames ? _sharedGfn[index] : NoGfn;

    /// <summary>The guest frame status frame <paramref name="index"/> is mapped at, or <see cref="NoGfn"/>.</summary>
    public ulong StatusFrameGfn(uint index) => index < _statusFrames ? _statusGfn[index] : NoGfn;

    /// <summary>Version 1 unless the guest already chose (what setup_table and add_to_physmap do first).</summary>
    public void DefaultVersion()
    {
        if (Version == 0) Version = 1;
    }

    /// <summary>Grows the table to <paramref name="frames"/> shared frames (and the status frames v2 needs);
    /// false if that exceeds <see cref="MaxFrames"/> or memory runs out (frames taken so far stay).</summary>
    public bool Grow(uint frames)
    {
        if (frames > MaxFrames) return false;
        while (_frames < frames)
        {
            ulong page = TakeZeroedPage();
            if (page == 0) return false;
            _active[_frames] ??= new ActiveEntry[EntriesPerFrameV1];
            _shared[_frames++] = page;
        }
        return Version != 2 || PopulateStatusFrames();
    }

    /// <summary>GNTTABOP_set_version: 0, or -EINVAL (not 1 or 2), -EBUSY (a grant beyond the 8 reserved ones is
    /// in use), -ERANGE (a reserved v2 grant names a frame above 4 GiB, which v1 cannot hold), -ENOMEM.</summary>
    public int SetVersion(uint version)
    {
        if (version != 1 && version != 2) return -XenErrno.EINVAL;
        if (Version == version) return 0;
        for (uint gref = GrantTableOp.ReservedEntries; gref < EntryCount; gref++)
            if (Active(gref).IsPinned) return -XenErrno.EBUSY;
        if (Version == 2)
        {
            for (uint gref = 0; gref < GrantTableOp.ReservedEntries; gref++)
                if ((Header(gref) & GrantTableOp.GtfTypeMask) == GrantTableOp.GtfPermitAccess && FrameOf(gref) >> 32 != 0)
                    return -XenErrno.ERANGE;
        }
        else if (version == 2 && !PopulateStatusFrames()) return -XenErrno.ENOMEM;

        // The toolstack's reserved entries (console, xenstore) survive the change, in-use bits included.
        Span<uint> headers = stackalloc uint[GrantTableOp.ReservedEntries];
        Span<ulong> frames = stackalloc ulong[GrantTableOp.ReservedEntries];
        for (uint gref = 0; gref < GrantTableOp.ReservedEntries && gref < EntryCount; gref++)
        {
            headers[(int)gref] = Header(gref) | (Version == 2 ? *StatusWord(gref) & InUseBits : 0u);
            frames[(int)gref] = FrameOf(gref);
        }
        if (Version == 2) UnpopulateStatusFrames();
        for (uint i = 0; i < _frames; i++) new Span<byte>((void*)_shared[i], (int)P2m.PageSize).Clear();
        uint old = Version;
        Version = version;
        if (old != 0)
        {
            for (uint gref = 0; gref < GrantTableOp.ReservedEntries; gref++)
                RestoreReserved(gref, headers[(int)gref], frames[(int)gref]);
        }
        return 0;
    }

    /// <summary>XENMEM_add_to_physmap(XENMAPSPACE_grant_table): puts shared frame <paramref name="idx"/> (or, in v2
    /// with <see cref="GrantTableOp.MapIdxGrantTableStatus"/>, status frame idx) at the owner's guest frame
    /// <paramref name="gpfn"/>, growing the table if needed; a frame mapped elsewhere moves and the RAM page its old
    /// place displaced comes back. 0, -EINVAL (no such frame, gpfn outside guest memory) or -EBUSY (gpfn holds
    /// another foreign page).</summary>
    public int MapFrame(ulong idx, ulong gpfn)
    {
        DefaultVersion();
        ulong[] pagesOf, gfnOf, displacedOf;
        if (Version == 2 && (idx & GrantTableOp.MapIdxGrantTableStatus) != 0)
        {
            idx &= ~GrantTableOp.MapIdxGrantTableStatus;
            if (idx >= _statusFrames) return -XenErrno.EINVAL;
            pagesOf = _status; gfnOf = _statusGfn; displacedOf = _statusDisplaced;
        }
        else
        {
            if (idx >= _frames && idx < MaxFrames) Grow((uint)idx + 1); // as Xen: a failed grow shows as -EINVAL
            if (idx >= _frames) return -XenErrno.EINVAL;
            pagesOf = _shared; gfnOf = _sharedGfn; displacedOf = _sharedDisplaced;
        }
        P2m p2m = Owner.P2m;
        if (gpfn >= p2m.PageCount) return -XenErrno.EINVAL;
        int i = (int)idx;
        if (gfnOf[i] == gpfn) return 0;
        if (p2m.IsForeign(gpfn)) return -XenErrno.EBUSY;
        if (gfnOf[i] != NoGfn) p2m.Restore(gfnOf[i], displacedOf[i]);
        p2m.Replace(gpfn, pagesOf[i], out displacedOf[i]);
        gfnOf[i] = gpfn;
        return 0;
    }

    /// <summary>Takes every frame out of the owner's P2M (restoring what they displaced) and frees them. Grants
    /// other domains still map keep their pages (those belong to the owner's P2M, not to this table).</summary>
    public void Release()
    {
        UnpopulateStatusFrames();
        for (uint i = 0; i < _frames; i++)
        {
            UnmapFromOwner(_sharedGfn, _sharedDisplaced, i);
            _pages->FreePages(_shared[i], 1);
            _shared[i] = 0;
        }
        _frames = 0;
        Version = 0;
    }

    private bool PopulateStatusFrames()
    {
        uint want = (_frames * EntriesPerFrameV2 + StatusPerFrame - 1) / StatusPerFrame;
        while (_statusFrames < want)
        {
            ulong page = TakeZeroedPage();
            if (page == 0) return false;
            _status[_statusFrames++] = page;
        }
        return true;
    }

    private void UnpopulateStatusFrames()
    {
        for (uint i = 0; i < _statusFrames; i++)
        {
            UnmapFromOwner(_statusGfn, _statusDisplaced, i);
            _pages->FreePages(_status[i], 1);
            _status[i] = 0;
        }
        _statusFrames = 0;
    }

    private void UnmapFromOwner(ulong[] gfnOf, ulong[] displacedOf, uint i)
    {
        if (gfnOf[i] == NoGfn) return;
        Owner.P2m.Restore(gfnOf[i], displacedOf[i]);
        gfnOf[i] = NoGfn;
        displacedOf[i] = 0;
    }

    private ulong TakeZeroedPage()
    {
        ulong page = _pages->AllocatePages(1);
        if (page != 0) new Span<byte>((void*)page, (int)P2m.PageSize).Clear();
        return page;
    }
}
