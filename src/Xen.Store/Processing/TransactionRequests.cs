// Why: TRANSACTION_START/END (docs/misc/xenstore.txt "Transactions"). START must carry tx_id 0 and
// returns the new id as unsigned decimal; END "T" commits unless a path the transaction saw changed
// meanwhile (EAGAIN), END "F" discards. Either way the id is gone afterwards.
using Xen.Store.Collections;
using Xen.Store.Transactions;
using Xen.Store.Wire;

namespace Xen.Store.Processing;

/// <summary>TRANSACTION_START and TRANSACTION_END.</summary>
internal static class TransactionRequests
{
    public static XsError Start(XenStoreServer server, XsConnection conn, XsHeader header, ByteBuilder reply)
    {
        if (header.TransactionId != 0)
        {
            return XsError.EBUSY;
        }

        if (conn.Transactions.Count >= server.Quotas.TransactionsPerConnection)
        {
            return XsError.ENOSPC;
        }

        uint id = server.AllocateTransactionId();
        conn.Transactions.Set(id, new Transaction(id));
        reply.AppendDecimal(id);
        reply.Append(0);
        return XsError.None;
    }

    public static XsError End(XenStoreServer server, XsConnection conn, XsHeader header, ReadOnlySpan<byte> payload)
    {
        if (!conn.Transactions.TryGetValue(header.TransactionId, out Transaction tx))
        {
            return XsError.ENOENT;
        }

        if (!PayloadFields.Take(ref payload, out ReadOnlySpan<byte> verdict) || verdict.Length != 1
            || (verdict[0] != 'T' && verdict[0] != 'F'))
        {
            return XsError.EINVAL;
        }

        conn.Transactions.Remove(tx.Id);
        if (verdict[0] == 'F')
        {
            return XsError.None;
        }

        if (!tx.CanCommit(server.Nodes))
        {
            return XsError.EAGAIN;
        }

        tx.Apply(server.Nodes);
        for (int i = 0; i < tx.ChangedPaths.Count; i++)
        {
            server.DeferWatchEvent(tx.ChangedPaths[i], tx.ChangedRecursive[i]);
        }

        return XsError.None;
    }
}
