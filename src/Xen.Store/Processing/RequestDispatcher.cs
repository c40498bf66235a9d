// Why: routes a request by its xsd_sockmsg type to the handler group that implements it, resolving
// the transaction named by tx_id for the database requests. Unknown or reply-only types get EINVAL.
using Xen.Store.Collections;
using Xen.Store.Transactions;
using Xen.Store.Wire;

namespace Xen.Store.Processing;

/// <summary>Type-based dispatch of one request.</summary>
internal static class RequestDispatcher
{
    public static XsError Dispatch(XenStoreServer server, XsConnection conn, XsHeader header, ReadOnlySpan<byte> payload, ByteBuilder reply)
    {
        XsError e = Route(server, conn, header, payload, reply);
        if (e == XsError.None && RepliesOk(header.MessageType))
        {
            // docs/misc/xenstore.txt: "Where no reply payload format is specified ... OK|".
            reply.AppendAscii("OK");
            reply.Append(0);
        }

        return e;
    }

    private static bool RepliesOk(XsMessageType type) => type switch
    {
        XsMessageType.Write or XsMessageType.Mkdir or XsMessageType.Rm or XsMessageType.SetPerms
            or XsMessageType.Watch or XsMessageType.Unwatch or XsMessageType.ResetWatches
            or XsMessageType.TransactionEnd or XsMessageType.Introduce or XsMessageType.Release
            or XsMessageType.Resume or XsMessageType.SetTarget or XsMessageType.Restrict => true,
        _ => false,
    };

    private static XsError Route(XenStoreServer server, XsConnection conn, XsHeader header, ReadOnlySpan<byte> payload, ByteBuilder reply)
    {
        XsMessageType type = header.MessageType;
        switch (type)
        {
            case XsMessageType.Read:
            case XsMessageType.Write:
            case XsMessageType.Mkdir:
            case XsMessageType.Rm:
            case XsMessageType.Directory:
            case XsMessageType.DirectoryPart:
            case XsMessageType.GetPerms:
            case XsMessageType.SetPerms:
                Transaction? tx = null;
                if (header.TransactionId != 0)
                {
                    if (!conn.Transactions.TryGetValue(header.TransactionId, out Transaction found))
                    {
                        return XsError.ENOENT;
                    }

                    if (found.BaseGenerations.Count >= server.Quotas.NodesPerTransaction)
                    {
                        return XsError.ENOSPC;
                    }

                    tx = found;
                }

                return NodeRequests.Handle(server, conn, type, tx, payload, reply);
            case XsMessageType.Watch:
                return WatchRequests.Watch(server, conn, payload);
            case XsMessageType.Unwatch:
                return WatchRequests.Unwatch(conn, payload);
            case XsMessageType.ResetWatches:
                conn.Watches.Clear();
                conn.Transactions.Clear();
                return XsError.None;
            case XsMessageType.TransactionStart:
                return TransactionRequests.Start(server, conn, header, reply);
            case XsMessageType.TransactionEnd:
                return TransactionRequests.End(server, conn, header, payload);
            case XsMessageType.Introduce:
            case XsMessageType.Release:
            case XsMessageType.GetDomainPath:
            case XsMessageType.IsDomainIntroduced:
            case XsMessageType.Resume:
            case XsMessageType.SetTarget:
            case XsMessageType.Restrict:
                return DomainRequests.Handle(server, conn, type, payload, reply);
            case XsMessageType.Control:
                return ControlRequests.Handle(server, conn, payload, reply);
            default:
                return XsError.EINVAL;
        }
    }
}
