// The physical-to-machine map of one domain: guest frame number → host physical address of the 4 KiB page
// backing it. Page-granular so later features (mem_access rights, dirty tracking, ballooning) can act on
// single pages; built from contiguous runs of the page allocator so second-stage tables and copies touch
// few distinct runs. Every guest-physical access in the core goes through here and is bounds-checked:
// a bad address is an error value (-EFAULT), never a hypervisor fault.
// Host addresses are usable pointers: the hypervisor identity-maps RAM (Xen.Arch.X86 HostPageTables), and
// hosted tests back guests with native memory, whose addresses are pointers too.
// Lazy scrubbing: a domain's pages are all allocated at build time (no allocation can fail later), but
// zeroing them is deferred to first use, one 2 MiB chunk at a time (bit 0 of an entry = "not yet scrubbed").
// Every access path here scrubs before it reads or writes, and second-stage tables map only scrubbed chunks,
// so the guest still never sees earlier contents; a domain's build costs what it touches, not its size
// (zeroing 128 MiB eagerly was ~85 % of the time to a guest's first line under QEMU TCG).
// Remapping (grant mappings, grant-table frames): Replace puts a page the map does not own at a frame
// (bit 2 = "foreign": already live, never scrubbed, never freed by Release; bit 1 = read-only for the guest)
// and hands back the displaced entry, which Restore puts back. Second-stage tables are built from this map,
// so every change is reported to Observer (the arch layer updates its tables and flushes its TLBs there).
using System;
using Xen.Core.Public;
using Xen.Runtime.Memory;

namespace Xen.Core.Memory;

/// <summary>A domain's guest-physical memory: gfn → host page.</summary>
public sealed unsafe class P2m
{
    /// <summary>The page size of the map (x86 and Arm 4 KiB granule).</summary>
    public const ulong PageSize = 4096;

    /// <summary>Largest run requested from the page allocator at once, and the scrubbing granule (2 MiB).</summary>
    public const ulong RunPages = 512;

    private const ulong NeedsScrub = 1;
    private const ulong ReadOnly = 2;
    private const ulong Foreign = 4;
    private const ulong EntryFlags = PageSize - 1;

    private readonly ulong[] _frames;

    /// <summary>Creates an empty map covering <paramref name="pageCount"/> guest frames.</summary>
    public P2m(ulong pageCount)
    {
        _frames = new ulong[(int)pageCount];
    }

    /// <summary>Number of guest frames the map covers (mapped or not).</summary>
    public ulong PageCount => (ulong)_frames.Length;

    /// <summary>Bytes of guest-physical address space covered.</summary>
    public ulong Size => PageCount * PageSize;

    /// <summary>Maps guest frame <paramref name="gfn"/> to the host page at <paramref name="hostAddress"/>.
    /// Returns false for a frame outside the map or a misaligned/zero host address.</summary>
    public bool Map(ulong gfn, ulong hostAddress)
    {
        if (gfn >= PageCount || hostAddress == 0 || (hostAddress & (PageSize - 1)) != 0) return false;
        _frames[(int)gfn] = hostAddress;
        Observer?.FrameChanged(gfn);
        return true;
    }

    /// <summary>Told about every frame whose entry changes after build (Map, Replace, Restore); the arch layer
    /// mirrors the change into its second-stage tables. Null until the arch layer attaches one.</summary>
    public IP2mObserver? Observer { get; set; }

    /// <summary>Puts the live host page <paramref name="hostPage"/>, which this map does not own (a granted page,
    /// a grant-table frame), at <paramref name="gfn"/>; it is never scrubbed or freed by this map.
    /// <paramref name="previous"/> receives the displaced entry (an opaque value for <see cref="Restore"/>; 0 if
    /// the frame was a hole). False, with nothing changed, for a frame outside the map or a bad host page.</summary>
    public bool Replace(ulong gfn, ulong hostPage, out ulong previous) => Replace(gfn, hostPage, false, out previous);

    /// <summary>As <see cref="Replace(ulong, ulong, out ulong)"/>; <paramref name="readOnly"/> makes the guest's
    /// mapping read-only (a GNTMAP_readonly grant mapping: hypervisor writes on the guest's behalf fail too).</summary>
    public bool Replace(ulong gfn, ulong hostPage, bool readOnly, out ulong previous)
    {
        previous = 0;
        if (gfn >= PageCount || hostPage == 0 || (hostPage & EntryFlags) != 0) return false;
        previous = _frames[(int)gfn];
        _frames[(int)gfn] = hostPage | Foreign | (readOnly ? ReadOnly : 0);
        Observer?.FrameChanged(gfn);
        return true;
    }

    /// <summary>Puts back an entry <see cref="Replace(ulong, ulong, out ulong)"/> displaced (with its own scrub
    /// state and ownership). False for a frame outside the map.</summary>
    public bool Restore(ulong gfn, ulong previous)
    {
        if (gfn >= PageCount) return false;
        _frames[(int)gfn] = previous;
        Observer?.FrameChanged(gfn);
        return true;
    }

    /// <summary>The host page an opaque entry from <see cref="Replace(ulong, ulong, out ulong)"/> names (0 for a hole).</summary>
    public static ulong EntryPage(ulong entry) => entry & ~EntryFlags;

    /// <summary>True if <paramref name="gfn"/> holds a page this map does not own (placed by Replace).</summary>
    public bool IsForeign(ulong gfn) => gfn < PageCount && (_frames[(int)gfn] & Foreign) != 0;

    /// <summary>True if the guest may only read <paramref name="gfn"/> (second-stage tables map it read-only).</summary>
    public bool IsReadOnly(ulong gfn) => gfn < PageCount && (_frames[(int)gfn] & ReadOnly) != 0;

    /// <summary>Host address of guest frame <paramref name="gfn"/>, or 0 when it is not mapped. The page may
    /// not be scrubbed yet: use <see cref="IsScrubbed"/>/<see cref="Scrub"/> before exposing it.</summary>
    public ulong HostPage(ulong gfn) => gfn < PageCount ? _frames[(int)gfn] & ~EntryFlags : 0;

    /// <summary>True if frame <paramref name="gfn"/> is mapped and already zeroed (safe to map for the guest).</summary>
    public bool IsScrubbed(ulong gfn) => gfn < PageCount && _frames[(int)gfn] != 0 && (_frames[(int)gfn] & NeedsScrub) == 0;

    /// <summary>Zeroes every not-yet-scrubbed page of the 2 MiB chunk holding <paramref name="gfn"/>; returns the
    /// chunk's first gfn (its length is <see cref="RunPages"/>, clipped to the map).</summary>
    public ulong Scrub(ulong gfn)
    {
        ulong first = gfn & ~(RunPages - 1);
        ulong end = Math.Min(first + RunPages, PageCount);
        for (ulong g = first; g < end; g++)
        {
            ulong entry = _frames[(int)g];
            if ((entry & NeedsScrub) == 0) continue;
            ZeroPage((ulong*)(entry & ~EntryFlags));
            _frames[(int)g] = entry & ~NeedsScrub;
        }
        return first;
    }

    /// <summary>Translates a guest-physical address (scrubbing its chunk first); false outside the map.</summary>
    public bool TryTranslate(ulong gpa, out ulong hostAddress)
    {
        ulong gfn = gpa / PageSize;
        ulong page = HostPage(gfn);
        if (page != 0 && !IsScrubbed(gfn)) Scrub(gfn);
        hostAddress = page == 0 ? 0 : page + (gpa & (PageSize - 1));
        return page != 0;
    }

    /// <summary>True if every byte of [gpa, gpa+length) is mapped.</summary>
    public bool IsMapped(ulong gpa, ulong length)
    {
        if (length == 0) return gpa <= Size;
        if (gpa >= Size || length > Size - gpa) return false;
        for (ulong page = gpa / PageSize; page <= (gpa + length - 1) / PageSize; page++)
            if (_frames[(int)page] == 0) return false;
        return true;
    }

    /// <summary>True if every byte of [gpa, gpa+length) is mapped and none of it is read-only.</summary>
    public bool IsWritable(ulong gpa, ulong length)
    {
        if (!IsMapped(gpa, length)) return false;
        if (length == 0) return true;
        for (ulong page = gpa / PageSize; page <= (gpa + length - 1) / PageSize; page++)
            if ((_frames[(int)page] & ReadOnly) != 0) return false;
        return true;
    }

    /// <summary>Copies guest memory at <paramref name="gpa"/> into <paramref name="destination"/>.
    /// Returns 0, or -EFAULT (nothing copied) if any byte is outside the map.</summary>
    public int Read(ulong gpa, Span<byte> destination)
    {
        if (!IsMapped(gpa, (ulong)destination.Length)) return -XenErrno.EFAULT;
        int done = 0;
        while (done < destination.Length)
        {
            ulong at = gpa + (ulong)done;
            int chunk = Chunk(at, destination.Length - done);
            new ReadOnlySpan<byte>((byte*)Host(at), chunk).CopyTo(destination.Slice(done));
            done += chunk;
        }
        return 0;
    }

    /// <summary>Copies <paramref name="source"/> into guest memory at <paramref name="gpa"/>.
    /// Returns 0, or -EFAULT (nothing written) if any byte is outside the map.</summary>
    public int Write(ulong gpa, ReadOnlySpan<byte> source)
    {
        if (!IsWritable(gpa, (ulong)source.Length)) return -XenErrno.EFAULT;
        int done = 0;
        while (done < source.Length)
        {
            ulong at = gpa + (ulong)done;
            int chunk = Chunk(at, source.Length - done);
            source.Slice(done, chunk).CopyTo(new Span<byte>((byte*)Host(at), chunk));
            done += chunk;
        }
        return 0;
    }

    /// <summary>Zeroes [gpa, gpa+length); 0 or -EFAULT.</summary>
    public int Clear(ulong gpa, ulong length)
    {
        if (!IsWritable(gpa, length)) return -XenErrno.EFAULT;
        for (ulong at = gpa; at < gpa + length;)
        {
            int chunk = Chunk(at, (int)Math.Min(gpa + length - at, PageSize));
            new Span<byte>((byte*)Host(at), chunk).Clear();
            at += (ulong)chunk;
        }
        return 0;
    }

    /// <summary>Builds a fully populated map of <paramref name="pageCount"/> frames from runs of at most
    /// <see cref="RunPages"/> pages; returns null (having freed what it took) if the allocator runs out.
    /// Pages are zeroed now, or on first use when <paramref name="scrubLazily"/> is set.</summary>
    public static P2m? Allocate(PhysicalPageAllocator* pages, ulong pageCount, bool scrubLazily = false)
    {
        var p2m = new P2m(pageCount);
        ulong gfn = 0;
        while (gfn < pageCount)
        {
            ulong want = Math.Min(RunPages, pageCount - gfn);
            ulong run = 0;
            // Fall back to smaller runs when memory is fragmented; single pages are still fine for the P2M.
            while (want > 0 && (run = pages->AllocatePages(want)) == 0) want /= 2;
            if (run == 0) { p2m.Release(pages); return null; }
            for (ulong i = 0; i < want; i++)
            {
                if (!scrubLazily) ZeroPage((ulong*)(run + i * PageSize));
                p2m._frames[(int)(gfn + i)] = run + i * PageSize | (scrubLazily ? NeedsScrub : 0);
            }
            gfn += want;
        }
        return p2m;
    }

    /// <summary>Returns every page the map owns to <paramref name="pages"/> and empties the map. Foreign pages
    /// (placed by Replace) belong to someone else and are only dropped; undo grant mappings first so the
    /// pages they displaced are back here and freed too.</summary>
    public void Release(PhysicalPageAllocator* pages)
    {
        for (int i = 0; i < _frames.Length; i++)
        {
            if (_frames[i] != 0 && (_frames[i] & Foreign) == 0) pages->FreePages(_frames[i] & ~EntryFlags, 1);
            _frames[i] = 0;
        }
    }

    // Host address of a mapped guest byte, scrubbing its chunk on first use (callers checked IsMapped).
    private ulong Host(ulong gpa)
    {
        ulong gfn = gpa / PageSize;
        if ((_frames[(int)gfn] & NeedsScrub) != 0) Scrub(gfn);
        return (_frames[(int)gfn] & ~EntryFlags) + (gpa & (PageSize - 1));
    }

    private static int Chunk(ulong at, int remaining) => (int)Math.Min((ulong)remaining, PageSize - (at & (PageSize - 1)));

    // Guest pages must not leak earlier contents (another domain's, or the hypervisor's).
    private static void ZeroPage(ulong* page)
    {
        for (int i = 0; i < 512; i += 4) { page[i] = 0; page[i + 1] = 0; page[i + 2] = 0; page[i + 3] = 0; }
    }
}
