// Why: xenstore reports errors as errno *names* (struct xsd_errors in public/io/xs_wire.h), so the
// core carries errors as this value type and turns them into names only at the wire.
namespace Xen.Store.Wire;

/// <summary>The errno values xenstore may send (the xsd_errors table in public/io/xs_wire.h).</summary>
public enum XsError
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>Invalid argument (bad path, malformed payload, unknown type).</summary>
    EINVAL,
    /// <summary>Permission denied.</summary>
    EACCES,
    /// <summary>Already exists.</summary>
    EEXIST,
    /// <summary>Is a directory.</summary>
    EISDIR,
    /// <summary>No such node, watch or transaction.</summary>
    ENOENT,
    /// <summary>Out of memory.</summary>
    ENOMEM,
    /// <summary>Quota exhausted.</summary>
    ENOSPC,
    /// <summary>I/O error.</summary>
    EIO,
    /// <summary>Not empty.</summary>
    ENOTEMPTY,
    /// <summary>Not implemented.</summary>
    ENOSYS,
    /// <summary>Read-only.</summary>
    EROFS,
    /// <summary>Busy.</summary>
    EBUSY,
    /// <summary>Try again: a transaction conflicted with another change.</summary>
    EAGAIN,
    /// <summary>Already connected.</summary>
    EISCONN,
    /// <summary>Too big (reply would exceed XENSTORE_PAYLOAD_MAX, or a quota on sizes).</summary>
    E2BIG,
}
