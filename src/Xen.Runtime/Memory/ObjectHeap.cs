// The managed object heap for images: segregated free lists of fixed-size blocks carved from 4 KiB pages,
// with whole-page runs for large objects. `new` lands here through RhpNewFast/RhpNewArrayFast.
// Page layout: a 16-byte header (magic, size class or page count) then blocks. Any block's header is found
// by masking its address to the page, so Free needs no size argument and can validate the pointer.
// Images have no collector yet: memory is reclaimed only by explicit Free (domain teardown uses it).
namespace Xen.Runtime.Memory;

/// <summary>A size-class heap over pages from a <see cref="PhysicalPageAllocator"/>.</summary>
public unsafe struct ObjectHeap
{
    private const uint SmallMagic = 0x4C4D5358; // "XSML"
    private const uint LargeMagic = 0x47524C58; // "XLRG"
    private const int HeaderSize = 16;
    private const int ClassCount = 17;

    /// <summary>The largest request served from a size class; larger ones get their own pages.</summary>
    public const uint MaxSmallSize = 2032;

    /// <summary>The heap `new` uses in images. Hosted code never touches it.</summary>
    public static ObjectHeap Global;

    private PhysicalPageAllocator* _pages;
    private fixed ulong _freeLists[ClassCount];
    private ulong _allocatedBytes;
    private ulong _liveObjects;
    private ulong _pagesInUse;

    /// <summary>Bytes handed out and not yet freed (rounded to block sizes).</summary>
    public readonly ulong AllocatedBytes => _allocatedBytes;

    /// <summary>Objects allocated and not yet freed.</summary>
    public readonly ulong LiveObjects => _liveObjects;

    /// <summary>Pages the heap has taken from the page allocator.</summary>
    public readonly ulong PagesInUse => _pagesInUse;

    /// <summary>True once <see cref="Initialize"/> has run.</summary>
    public readonly bool IsInitialized => _pages != null;

    /// <summary>Binds the heap to its page source.</summary>
    public void Initialize(PhysicalPageAllocator* pages) => _pages = pages;

    /// <summary>The block size serving a request, for size-class index <paramref name="index"/>.</summary>
    public static uint ClassSize(int index) => index switch
    {
        0 => 16, 1 => 32, 2 => 48, 3 => 64, 4 => 80, 5 => 96, 6 => 128, 7 => 160, 8 => 192, 9 => 256,
        10 => 320, 11 => 384, 12 => 512, 13 => 768, 14 => 1008, 15 => 1360, _ => 2032,
    };

    private static int ClassOf(uint size)
    {
        for (int i = 0; i < ClassCount; i++)
            if (size <= ClassSize(i)) return i;
        return -1;
    }

    /// <summary>Allocates <paramref name="size"/> zeroed bytes, 16-byte aligned; returns null when out of memory.</summary>
    public void* Allocate(uint size)
    {
        if (_pages == null) return null;
        if (size == 0) size = 1;
        if (size > MaxSmallSize) return AllocateLarge(size);
        int c = ClassOf(size);
        if (_freeLists[c] == 0 && !Refill(c)) return null;
        byte* block = (byte*)_freeLists[c];
        _freeLists[c] = *(ulong*)block;
        uint blockSize = ClassSize(c);
        Clear(block, blockSize);
        ((ushort*)(PageOf(block) + 6))[0]++;
        _allocatedBytes += blockSize;
        _liveObjects++;
        return block;
    }

    /// <summary>Returns a block to the heap. Returns false for a pointer the heap did not hand out (wrong page
    /// magic or misaligned for its size class) or a block already free in its page's count.</summary>
    public bool Free(void* pointer)
    {
        byte* p = (byte*)pointer;
        if (p == null || ((ulong)p & 15) != 0) return false;
        byte* page = PageOf(p);
        uint magic = *(uint*)page;
        if (magic == LargeMagic)
        {
            if (p != page + HeaderSize) return false;
            ulong count = *(ulong*)(page + 8);
            *(uint*)page = 0;
            if (!_pages->FreePages((ulong)page, count)) return false;
            _allocatedBytes -= count * PhysicalPageAllocator.PageSize;
            _pagesInUse -= count;
            _liveObjects--;
            return true;
        }
        if (magic != SmallMagic) return false;
        int c = *(ushort*)(page + 4);
        uint blockSize = ClassSize(c);
        if ((ulong)(p - page - HeaderSize) % blockSize != 0) return false;
        ushort* live = (ushort*)(page + 6);
        if (*live == 0) return false;
        (*live)--;
        *(ulong*)p = _freeLists[c];
        _freeLists[c] = (ulong)p;
        _allocatedBytes -= blockSize;
        _liveObjects--;
        return true;
    }

    private bool Refill(int c)
    {
        byte* page = (byte*)_pages->AllocatePages(1);
        if (page == null) return false;
        _pagesInUse++;
        *(uint*)page = SmallMagic;
        *(ushort*)(page + 4) = (ushort)c;
        *(ushort*)(page + 6) = 0;
        uint blockSize = ClassSize(c);
        uint count = (uint)((PhysicalPageAllocator.PageSize - HeaderSize) / blockSize);
        // Thread the blocks in address order so consecutive allocations are adjacent (cache friendly).
        for (uint i = count; i > 0; i--)
        {
            byte* block = page + HeaderSize + (i - 1) * blockSize;
            *(ulong*)block = _freeLists[c];
            _freeLists[c] = (ulong)block;
        }
        return true;
    }

    private void* AllocateLarge(uint size)
    {
        ulong count = (size + HeaderSize + PhysicalPageAllocator.PageSize - 1) / PhysicalPageAllocator.PageSize;
        byte* page = (byte*)_pages->AllocatePages(count);
        if (page == null) return null;
        *(uint*)page = LargeMagic;
        *(ulong*)(page + 8) = count;
        Clear(page + HeaderSize, (uint)(count * PhysicalPageAllocator.PageSize - HeaderSize));
        _pagesInUse += count;
        _allocatedBytes += count * PhysicalPageAllocator.PageSize;
        _liveObjects++;
        return page + HeaderSize;
    }

    private static byte* PageOf(byte* p) => (byte*)((ulong)p & ~(PhysicalPageAllocator.PageSize - 1));

    private static void Clear(byte* p, uint length)
    {
        uint i = 0;
        for (; i + 8 <= length; i += 8) *(ulong*)(p + i) = 0;
        for (; i < length; i++) p[i] = 0;
    }
}
