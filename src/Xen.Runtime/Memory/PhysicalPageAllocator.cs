// Physical page frame allocator: one bitmap per usable RAM region, stored in the region's own first pages.
// First-fit with a per-region search hint; contiguous runs for page tables, heaps and guest memory.
// Why a bitmap: it costs 1 bit per 4 KiB frame (32 KiB per GiB), frees in O(1), and makes double frees
// detectable, which matters once guests can influence what the hypervisor allocates and releases.
namespace Xen.Runtime.Memory;

/// <summary>Allocates and frees 4 KiB physical pages from up to <see cref="MaxRegions"/> RAM regions.</summary>
/// <remarks>Addresses are physical; the hypervisor identity-maps RAM, so they are also usable pointers.
/// The allocator is a struct so that it can live in a non-GC static before the heap exists.</remarks>
public unsafe struct PhysicalPageAllocator
{
    /// <summary>The size of a page frame.</summary>
    public const ulong PageSize = 4096;

    /// <summary>The largest number of distinct regions the allocator tracks.</summary>
    public const int MaxRegions = 32;

    private fixed ulong _regionBase[MaxRegions];
    private fixed ulong _regionPages[MaxRegions];
    private fixed ulong _regionBitmap[MaxRegions];
    private fixed ulong _regionHint[MaxRegions];
    private int _regionCount;
    private ulong _freePages;
    private ulong _totalPages;

    /// <summary>Pages currently free.</summary>
    public readonly ulong FreePageCount => _freePages;

    /// <summary>Pages managed (free or allocated), excluding the bitmaps themselves.</summary>
    public readonly ulong TotalPageCount => _totalPages;

    /// <summary>Number of regions added.</summary>
    public readonly int RegionCount => _regionCount;

    /// <summary>Adds the page-aligned part of [start, start+length) as free memory. Returns false if the region
    /// is too small to hold its own bitmap plus one page, or if the region table is full.</summary>
    public bool AddRegion(ulong start, ulong length)
    {
        ulong first = (start + PageSize - 1) & ~(PageSize - 1);
        ulong end = (start + length) & ~(PageSize - 1);
        if (end <= first || _regionCount == MaxRegions) return false;
        ulong pages = (end - first) / PageSize;
        ulong bitmapPages = (pages + 8 * PageSize - 1) / (8 * PageSize);
        if (pages <= bitmapPages) return false;
        ulong usable = pages - bitmapPages;
        ulong* bitmap = (ulong*)first;
        ulong words = (usable + 63) / 64;
        for (ulong i = 0; i < words; i++) bitmap[i] = 0;
        // Bits past the end of the region are marked used so the search never hands them out.
        if (usable % 64 != 0) bitmap[words - 1] = ~0UL << (int)(usable % 64);
        int r = _regionCount++;
        _regionBase[r] = first + bitmapPages * PageSize;
        _regionPages[r] = usable;
        _regionBitmap[r] = (ulong)bitmap;
        _regionHint[r] = 0;
        _freePages += usable;
        _totalPages += usable;
        return true;
    }

    /// <summary>Allocates <paramref name="count"/> contiguous pages; returns their physical address, or 0.</summary>
    /// <remarks>Pages are not zeroed: callers that expose memory to guests must clear it.</remarks>
    public ulong AllocatePages(ulong count)
    {
        if (count == 0 || count > _freePages) return 0;
        for (int r = 0; r < _regionCount; r++)
        {
            ulong page = FindRun(r, _regionHint[r], count);
            if (page == ulong.MaxValue && _regionHint[r] != 0) page = FindRun(r, 0, count);
            if (page == ulong.MaxValue) continue;
            SetRange(r, page, count, true);
            _regionHint[r] = page + count;
            _freePages -= count;
            return _regionBase[r] + page * PageSize;
        }
        return 0;
    }

    /// <summary>Returns pages to the allocator. Returns false (and changes nothing) if the range is not
    /// inside one region or any page in it is already free: a double free is a bug the caller must see.</summary>
    public bool FreePages(ulong address, ulong count)
    {
        if (count == 0 || (address & (PageSize - 1)) != 0) return false;
        for (int r = 0; r < _regionCount; r++)
        {
            ulong b = _regionBase[r];
            if (address < b || address >= b + _regionPages[r] * PageSize) continue;
            ulong page = (address - b) / PageSize;
            if (page + count > _regionPages[r]) return false;
            for (ulong p = page; p < page + count; p++)
                if (!IsUsed(r, p)) return false;
            SetRange(r, page, count, false);
            if (page < _regionHint[r]) _regionHint[r] = page;
            _freePages += count;
            return true;
        }
        return false;
    }

    /// <summary>True if the page at <paramref name="address"/> is managed here and currently allocated.</summary>
    public bool IsAllocated(ulong address)
    {
        for (int r = 0; r < _regionCount; r++)
        {
            ulong b = _regionBase[r];
            if (address >= b && address < b + _regionPages[r] * PageSize)
                return IsUsed(r, (address - b) / PageSize);
        }
        return false;
    }

    private bool IsUsed(int r, ulong page) => (((ulong*)_regionBitmap[r])[page / 64] & (1UL << (int)(page % 64))) != 0;

    private ulong FindRun(int r, ulong from, ulong count)
    {
        ulong* bitmap = (ulong*)_regionBitmap[r];
        ulong limit = _regionPages[r];
        ulong runStart = from, runLength = 0;
        for (ulong p = from; p < limit; p++)
        {
            // Skip a fully used word at once: the common case when the front of a region is full.
            if (runLength == 0 && p % 64 == 0 && bitmap[p / 64] == ~0UL) { p += 63; continue; }
            if ((bitmap[p / 64] & (1UL << (int)(p % 64))) != 0) { runLength = 0; continue; }
            if (runLength == 0) runStart = p;
            if (++runLength == count) return runStart;
        }
        return ulong.MaxValue;
    }

    private void SetRange(int r, ulong page, ulong count, bool used)
    {
        ulong* bitmap = (ulong*)_regionBitmap[r];
        for (ulong p = page; p < page + count; p++)
        {
            if (used) bitmap[p / 64] |= 1UL << (int)(p % 64);
            else bitmap[p / 64] &= ~(1UL << (int)(p % 64));
        }
    }
}
