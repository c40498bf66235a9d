// The hypervisor's private state of one grant entry while it is in use (Xen's struct active_grant_entry): who
// pinned it, how often for reading and for writing, and the host page and byte range it resolved to. The guest
// can rewrite its shared entry at any time; once an entry is pinned, these values (not the guest's) are the truth.
// Padding-free on purpose (explicit spare field): ilc generates a field-helper for padded structs in arrays that
// needs runtime types our corelib does not define.
namespace Xen.Core.Grants;

/// <summary>Pin state of one grant reference.</summary>
internal struct ActiveEntry
{
    /// <summary>Pins that allow writing (writable maps and copy destinations).</summary>
    public uint WritePins;
    /// <summary>Read-only pins (read-only maps and copy sources).</summary>
    public uint ReadPins;
    /// <summary>The domain the entry is pinned for (the grantee).</summary>
    public ushort Domid;
    /// <summary>First byte the grantee may access (sub-page grants; 0 otherwise).</summary>
    public ushort Start;
    /// <summary>Bytes the grantee may access from <see cref="Start"/>.</summary>
    public ushort Length;
    /// <summary>Unused (keeps the struct free of padding).</summary>
    public ushort Spare;
    /// <summary>The granter's guest frame the entry named when it was first pinned.</summary>
    public ulong Gfn;
    /// <summary>The host page behind <see cref="Gfn"/> at that time.</summary>
    public ulong HostPage;

    /// <summary>True while any pin is held.</summary>
    public readonly bool IsPinned => WritePins != 0 || ReadPins != 0;
}
