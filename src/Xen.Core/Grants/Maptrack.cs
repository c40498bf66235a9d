// The handles a domain holds for the grants it mapped (Xen's maptrack table, kept in the mapping domain's grant
// table). Slots live in chunks of 256 (one Xen maptrack frame of 16-byte entries) allocated on demand, so the
// table grows without copying or abandoning arrays (the image runtime has no collector); up to 1024 chunks,
// Xen 4.7's default max_maptrack_frames. A handle is the slot index.
namespace Xen.Core.Grants;

/// <summary>Grant-mapping handles of one domain.</summary>
internal sealed class Maptrack
{
    /// <summary>Slots per chunk (MAPTRACK_PER_PAGE: 4096 / 16).</summary>
    public const int ChunkSize = 256;
    /// <summary>Most chunks (max_maptrack_frames default).</summary>
    public const int MaxChunks = 1024;

    private readonly MaptrackEntry[]?[] _chunks = new MaptrackEntry[]?[MaxChunks];
    private int _chunkCount;
    private uint _freeHead; // slot + 1, 0 = none
    private int _inUse;

    /// <summary>Mappings currently tracked.</summary>
    public int InUse => _inUse;

    /// <summary>Slots available without allocating (valid handles are below this).</summary>
    public uint Limit => (uint)(_chunkCount * ChunkSize);

    /// <summary>Takes a free slot; false when all <see cref="MaxChunks"/> chunks are full.</summary>
    public bool TryAllocate(out uint handle)
    {
        if (_freeHead == 0 && !Grow()) { handle = 0; return false; }
        handle = _freeHead - 1;
        ref MaptrackEntry e = ref Slot(handle);
        _freeHead = e.NextFree;
        e.NextFree = 0;
        _inUse++;
        return true;
    }

    /// <summary>Returns <paramref name="handle"/> to the free list (its entry is cleared).</summary>
    public void Free(uint handle)
    {
        ref MaptrackEntry e = ref Slot(handle);
        e = default;
        e.NextFree = _freeHead;
        _freeHead = handle + 1;
        _inUse--;
    }

    /// <summary>True if <paramref name="handle"/> names a slot holding a mapping.</summary>
    public bool IsLive(uint handle) => handle < Limit && Slot(handle).Flags != 0;

    /// <summary>The slot of <paramref name="handle"/> (must be below <see cref="Limit"/>).</summary>
    public ref MaptrackEntry Slot(uint handle) => ref _chunks[handle / ChunkSize]![handle % ChunkSize];

    private bool Grow()
    {
        if (_chunkCount == MaxChunks) return false;
        var chunk = new MaptrackEntry[ChunkSize];
        uint first = (uint)(_chunkCount * ChunkSize);
        // Chain the new slots in order so handles are handed out lowest first.
        for (int i = 0; i < ChunkSize; i++) chunk[i].NextFree = i + 1 < ChunkSize ? first + (uint)i + 2 : _freeHead;
        _chunks[_chunkCount++] = chunk;
        _freeHead = first + 1;
        return true;
    }
}
