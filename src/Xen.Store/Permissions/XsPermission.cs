// Why: one "<letter><domid>" permission string on the wire (docs/misc/xenstore.txt). The first entry
// of a node names its owner and the access everyone not listed gets.
namespace Xen.Store.Permissions;

/// <summary>One permission entry: a domain and its access.</summary>
public readonly struct XsPermission
{
    /// <summary>Creates an entry.</summary>
    public XsPermission(uint domainId, XsAccess access)
    {
        DomainId = domainId;
        Access = access;
    }

    /// <summary>The domain this entry is about.</summary>
    public uint DomainId { get; }

    /// <summary>The access granted.</summary>
    public XsAccess Access { get; }

    /// <summary>The wire letter: n, r, w or b.</summary>
    public char Letter => Access switch
    {
        XsAccess.Read => 'r',
        XsAccess.Write => 'w',
        XsAccess.Both => 'b',
        _ => 'n',
    };
}
