// Why: every access check needs the same facts about who is asking: its domain, whether it is the
// privileged toolstack (dom0 over the socket, not restricted), and the domain it targets (SET_TARGET).
namespace Xen.Store.Permissions;

/// <summary>The identity a request is checked against.</summary>
internal readonly struct Caller
{
    public Caller(uint domainId, bool privileged, uint targetId, bool hasTarget)
    {
        DomainId = domainId;
        Privileged = privileged;
        TargetId = targetId;
        HasTarget = hasTarget;
    }

    public uint DomainId { get; }

    public bool Privileged { get; }

    public uint TargetId { get; }

    public bool HasTarget { get; }

    public bool Can(PermissionSet perms, XsAccess wanted) =>
        (perms.AccessOf(DomainId, Privileged, TargetId, HasTarget) & wanted) == wanted;

    /// <summary>Owner rights (needed for SET_PERMS): privileged, the owner, or targeting the owner.</summary>
    public bool Owns(PermissionSet perms) =>
        Privileged || perms.Owner == DomainId || (HasTarget && perms.Owner == TargetId);
}
