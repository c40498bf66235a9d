// Why: xenstore access control (docs/misc/xenstore.txt and the XenBus wiki "Permissions"): entry 0 is
// the owner, who always has full access, and its letter is the default for unlisted domains; later
// entries grant specific domains. Dom0 (the privileged caller) bypasses all checks. A domain targeting
// another (SET_TARGET) acts as that domain for ownership and inherits its grants.
using Xen.Store.Collections;
using Xen.Store.Wire;

namespace Xen.Store.Permissions;

/// <summary>An immutable, non-empty list of permission entries.</summary>
internal sealed class PermissionSet
{
    private readonly XsPermission[] _entries;

    public PermissionSet(XsPermission[] entries)
    {
        if (entries.Length == 0)
        {
            throw new ArgumentException("a permission set names at least its owner", nameof(entries));
        }

        _entries = entries;
    }

    /// <summary>Dom0 owns it and nobody else may access it: the root's permissions.</summary>
    public static PermissionSet Dom0Only { get; } = new(new[] { new XsPermission(0, XsAccess.None) });

    public int Count => _entries.Length;

    public uint Owner => _entries[0].DomainId;

    public XsPermission this[int index] => _entries[index];

    /// <summary>The same set with a different owner (nodes are owned by the domain creating them).</summary>
    public PermissionSet WithOwner(uint owner)
    {
        if (owner == Owner)
        {
            return this;
        }

        XsPermission[] copy = new XsPermission[_entries.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = _entries[i];
        }

        copy[0] = new XsPermission(owner, copy[0].Access);
        return new PermissionSet(copy);
    }

    /// <summary>Effective access of <paramref name="domainId"/> (with optional target domain).</summary>
    public XsAccess AccessOf(uint domainId, bool privileged, uint targetId, bool hasTarget)
    {
        if (privileged || domainId == Owner || (hasTarget && targetId == Owner))
        {
            return XsAccess.Both;
        }

        XsAccess result = _entries[0].Access;
        bool found = false;
        for (int i = 1; i < _entries.Length; i++)
        {
            if (_entries[i].DomainId == domainId)
            {
                result = _entries[i].Access;
                found = true;
                break;
            }
        }

        if (!found && hasTarget)
        {
            for (int i = 1; i < _entries.Length; i++)
            {
                if (_entries[i].DomainId == targetId)
                {
                    result = _entries[i].Access;
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>Parses NUL-terminated "&lt;n|r|w|b&gt;&lt;domid&gt;" strings; trailing bytes without NUL are ignored.</summary>
    public static XsError Parse(ReadOnlySpan<byte> payload, out PermissionSet? set)
    {
        set = null;
        GrowList<XsPermission> list = new();
        while (payload.Length > 0)
        {
            int nul = payload.IndexOf((byte)0);
            if (nul < 0)
            {
                break; // the reserved '?' tail of SET_PERMS
            }

            ReadOnlySpan<byte> field = payload.Slice(0, nul);
            payload = payload.Slice(nul + 1);
            if (field.Length < 2 || field.Length > 6)
            {
                return XsError.EINVAL;
            }

            XsAccess access;
            switch (field[0])
            {
                case (byte)'n': access = XsAccess.None; break;
                case (byte)'r': access = XsAccess.Read; break;
                case (byte)'w': access = XsAccess.Write; break;
                case (byte)'b': access = XsAccess.Both; break;
                default: return XsError.EINVAL;
            }

            uint domid = 0;
            for (int i = 1; i < field.Length; i++)
            {
                byte c = field[i];
                if (c < '0' || c > '9')
                {
                    return XsError.EINVAL;
                }

                domid = domid * 10 + (uint)(c - '0');
            }

            if (domid > 0xffff)
            {
                return XsError.EINVAL;
            }

            list.Add(new XsPermission(domid, access));
        }

        if (list.Count == 0)
        {
            return XsError.EINVAL;
        }

        XsPermission[] entries = new XsPermission[list.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = list[i];
        }

        set = new PermissionSet(entries);
        return XsError.None;
    }

    /// <summary>Appends each entry as a NUL-terminated string (the GET_PERMS reply).</summary>
    public void AppendTo(ByteBuilder b)
    {
        for (int i = 0; i < _entries.Length; i++)
        {
            b.Append((byte)_entries[i].Letter);
            b.AppendDecimal(_entries[i].DomainId);
            b.Append(0);
        }
    }
}
