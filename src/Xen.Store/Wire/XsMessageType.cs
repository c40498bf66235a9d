// Why: the message type numbers are the xenstore ABI. They come from enum xsd_sockmsg_type in
// xen/include/public/io/xs_wire.h, where the values are implicit (declaration order from 0).
namespace Xen.Store.Wire;

/// <summary>Xenstore message types (<c>enum xsd_sockmsg_type</c>, public/io/xs_wire.h).</summary>
public enum XsMessageType : uint
{
    /// <summary>XS_CONTROL, formerly XS_DEBUG (0): implementation-specific daemon commands.</summary>
    Control = 0,
    /// <summary>XS_DIRECTORY (1): list the immediate children of a node.</summary>
    Directory = 1,
    /// <summary>XS_READ (2): read a node's value.</summary>
    Read = 2,
    /// <summary>XS_GET_PERMS (3): read a node's permissions.</summary>
    GetPerms = 3,
    /// <summary>XS_WATCH (4): register a watch.</summary>
    Watch = 4,
    /// <summary>XS_UNWATCH (5): remove a watch.</summary>
    Unwatch = 5,
    /// <summary>XS_TRANSACTION_START (6).</summary>
    TransactionStart = 6,
    /// <summary>XS_TRANSACTION_END (7): commit (T) or abort (F).</summary>
    TransactionEnd = 7,
    /// <summary>XS_INTRODUCE (8): start talking to a domain's ring.</summary>
    Introduce = 8,
    /// <summary>XS_RELEASE (9): stop talking to a domain.</summary>
    Release = 9,
    /// <summary>XS_GET_DOMAIN_PATH (10).</summary>
    GetDomainPath = 10,
    /// <summary>XS_WRITE (11).</summary>
    Write = 11,
    /// <summary>XS_MKDIR (12).</summary>
    Mkdir = 12,
    /// <summary>XS_RM (13): remove a node and its subtree.</summary>
    Rm = 13,
    /// <summary>XS_SET_PERMS (14).</summary>
    SetPerms = 14,
    /// <summary>XS_WATCH_EVENT (15): unsolicited watch notification, req_id and tx_id 0.</summary>
    WatchEvent = 15,
    /// <summary>XS_ERROR (16): error reply carrying an errno name.</summary>
    Error = 16,
    /// <summary>XS_IS_DOMAIN_INTRODUCED (17).</summary>
    IsDomainIntroduced = 17,
    /// <summary>XS_RESUME (18).</summary>
    Resume = 18,
    /// <summary>XS_SET_TARGET (19).</summary>
    SetTarget = 19,
    /// <summary>XS_RESTRICT (20): a privileged connection drops to a domain's rights.</summary>
    Restrict = 20,
    /// <summary>XS_RESET_WATCHES (21): drop all watches and transactions of the caller.</summary>
    ResetWatches = 21,
    /// <summary>XS_DIRECTORY_PART (22): paged directory listing with generation count.</summary>
    DirectoryPart = 22,
    /// <summary>XS_INVALID (0xffff): guaranteed never to be a valid type.</summary>
    Invalid = 0xffff,
}
