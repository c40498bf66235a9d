// Why: WATCH and UNWATCH (docs/misc/xenstore.txt "Watches"): "<wpath>|<token>|?", a per-connection
// quota, and the rule that a new watch fires once straight away with its own path.
using Xen.Store.Paths;
using Xen.Store.Watches;
using Xen.Store.Wire;

namespace Xen.Store.Processing;

/// <summary>WATCH and UNWATCH.</summary>
internal static class WatchRequests
{
    public static XsError Watch(XenStoreServer server, XsConnection conn, ReadOnlySpan<byte> payload)
    {
        XsError e = Parse(conn, ref payload, out string path, out ReadOnlySpan<byte> token, out int prefix);
        if (e != XsError.None)
        {
            return e;
        }

        for (int i = 0; i < conn.Watches.Count; i++)
        {
            if (conn.Watches[i].Matches(path, token))
            {
                return XsError.EEXIST;
            }
        }

        if (conn.Watches.Count >= server.Quotas.WatchesPerConnection)
        {
            return XsError.E2BIG;
        }

        Watch w = new(conn, path, token.ToArray(), prefix);
        conn.Watches.Add(w);
        server.DeferInitialEvent(w);
        return XsError.None;
    }

    public static XsError Unwatch(XsConnection conn, ReadOnlySpan<byte> payload)
    {
        XsError e = Parse(conn, ref payload, out string path, out ReadOnlySpan<byte> token, out _);
        if (e != XsError.None)
        {
            return e;
        }

        for (int i = 0; i < conn.Watches.Count; i++)
        {
            if (conn.Watches[i].Matches(path, token))
            {
                conn.Watches.RemoveAt(i);
                return XsError.None;
            }
        }

        return XsError.ENOENT;
    }

    private static XsError Parse(XsConnection conn, ref ReadOnlySpan<byte> payload, out string path, out ReadOnlySpan<byte> token, out int prefix)
    {
        path = string.Empty;
        prefix = 0;
        if (!PayloadFields.Take(ref payload, out ReadOnlySpan<byte> rawPath) || !PayloadFields.Take(ref payload, out token))
        {
            token = default;
            return XsError.EINVAL;
        }

        return StorePath.Canonicalize(rawPath, conn.DomainId, true, out path, out prefix);
    }
}
