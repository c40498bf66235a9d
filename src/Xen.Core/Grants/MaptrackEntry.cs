// One mapping a domain made of another domain's grant (Xen's struct grant_mapping): what an unmap handle names.
// Fields are ordered so the struct has no padding (ilc's field-helper for padded structs needs runtime types
// our corelib does not define).
namespace Xen.Core.Grants;

/// <summary>A maptrack slot; free when <see cref="Flags"/> is 0.</summary>
internal struct MaptrackEntry
{
    /// <summary>GNTMAP_* flags of the mapping (0 = free slot).</summary>
    public uint Flags;
    /// <summary>The grant reference in the granter's table.</summary>
    public uint Ref;
    /// <summary>The granting domain.</summary>
    public ushort Domid;
    /// <summary>Unused (keeps the struct free of padding).</summary>
    public ushort Spare;
    /// <summary>Next free slot + 1 while free (0 = end of the free list).</summary>
    public uint NextFree;
    /// <summary>The mapper's guest frame the granted page was placed at (GNTMAP_host_map).</summary>
    public ulong Gfn;
    /// <summary>The P2M entry the mapping displaced (opaque, for P2m.Restore).</summary>
    public ulong Displaced;
}
