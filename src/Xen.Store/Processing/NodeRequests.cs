// Why: decodes the payloads of the database requests, canonicalises paths against the caller's home,
// runs the tree operation and announces the change — at once when live, at commit in a transaction.
using Xen.Store.Collections;
using Xen.Store.Paths;
using Xen.Store.Permissions;
using Xen.Store.Transactions;
using Xen.Store.Tree;
using Xen.Store.Wire;

namespace Xen.Store.Processing;

/// <summary>READ, WRITE, MKDIR, RM, DIRECTORY, DIRECTORY_PART, GET_PERMS, SET_PERMS.</summary>
internal static class NodeRequests
{
    public static XsError Handle(XenStoreServer server, XsConnection conn, XsMessageType type, Transaction? tx, ReadOnlySpan<byte> payload, ByteBuilder reply)
    {
        if (!PayloadFields.Take(ref payload, out ReadOnlySpan<byte> rawPath))
        {
            return XsError.EINVAL;
        }

        XsError e = StorePath.Canonicalize(rawPath, conn.DomainId, false, out string path, out _);
        if (e != XsError.None)
        {
            return e;
        }

        NodeView view = new(server.Nodes, tx);
        Caller caller = conn.Caller;
        bool changed = false;
        bool recursive = false;
        switch (type)
        {
            case XsMessageType.Read:
                e = TreeOperations.Read(view, caller, path, reply);
                break;
            case XsMessageType.Write:
                // WRITE's value is the rest of the payload, binary, not NUL-terminated.
                e = TreeOperations.Write(view, caller, server.Quotas, path, payload);
                changed = e == XsError.None;
                break;
            case XsMessageType.Mkdir:
                e = TreeOperations.Mkdir(view, caller, server.Quotas, path, out changed);
                break;
            case XsMessageType.Rm:
                e = TreeOperations.Rm(view, caller, path, out changed);
                recursive = true;
                break;
            case XsMessageType.Directory:
                e = TreeOperations.Directory(view, caller, path, reply);
                break;
            case XsMessageType.DirectoryPart:
                if (!PayloadFields.Take(ref payload, out ReadOnlySpan<byte> rawOffset)
                    || !PayloadFields.TryParseUnsigned(rawOffset, out ulong offset))
                {
                    return XsError.EINVAL;
                }

                e = TreeOperations.DirectoryPart(view, caller, path, offset, reply);
                break;
            case XsMessageType.GetPerms:
                e = TreeOperations.GetPerms(view, caller, path, reply);
                break;
            default:
                e = PermissionSet.Parse(payload, out PermissionSet? perms);
                if (e == XsError.None)
                {
                    e = TreeOperations.SetPerms(view, caller, server.Quotas, path, perms!);
                    changed = e == XsError.None;
                }

                break;
        }

        if (e != XsError.None)
        {
            reply.Clear();
            return e;
        }

        if (changed)
        {
            if (tx == null)
            {
                server.DeferWatchEvent(path, recursive);
            }
            else
            {
                tx.NoteChange(path, recursive);
            }
        }

        return XsError.None;
    }
}
