// The runtime's process-wide memory state in images: the page allocator instance `new` ultimately draws
// from. Lives in non-GC statics so it exists before module initialisation.
namespace Xen.Runtime.Memory;

/// <summary>Global memory state of an image.</summary>
public static unsafe class RuntimeState
{
    private static PhysicalPageAllocator s_pages;

    /// <summary>The global page allocator.</summary>
    public static PhysicalPageAllocator* Pages
    {
        get { fixed (PhysicalPageAllocator* p = &s_pages) return p; }
    }

    /// <summary>Feeds the usable ranges of <paramref name="map"/> to the page allocator and binds the object heap to it.
    /// Returns the number of ranges accepted.</summary>
    public static int Initialize(in MemoryMap map)
    {
        int accepted = map.FeedAllocator(Pages);
        ObjectHeap.Global.Initialize(Pages);
        return accepted;
    }
}
