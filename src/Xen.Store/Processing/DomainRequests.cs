// Why: domain management requests (docs/misc/xenstore.txt "Domain management and xenstored
// communications"). INTRODUCE, RELEASE, RESUME, SET_TARGET and RESTRICT are for the privileged
// toolstack only; GET_DOMAIN_PATH and IS_DOMAIN_INTRODUCED anyone may ask.
using Xen.Store.Collections;
using Xen.Store.Domains;
using Xen.Store.Paths;
using Xen.Store.Watches;
using Xen.Store.Wire;

namespace Xen.Store.Processing;

/// <summary>INTRODUCE, RELEASE, GET_DOMAIN_PATH, IS_DOMAIN_INTRODUCED, RESUME, SET_TARGET, RESTRICT.</summary>
internal static class DomainRequests
{
    public static XsError Handle(XenStoreServer server, XsConnection conn, XsMessageType type, ReadOnlySpan<byte> payload, ByteBuilder reply)
    {
        if (!PayloadFields.Take(ref payload, out ReadOnlySpan<byte> rawDomain)
            || !PayloadFields.TryParseDomainId(rawDomain, out uint domid))
        {
            return XsError.EINVAL;
        }

        if (type == XsMessageType.GetDomainPath)
        {
            StorePath.AppendDomainPath(reply, domid);
            reply.Append(0);
            return XsError.None;
        }

        if (type == XsMessageType.IsDomainIntroduced)
        {
            reply.Append(server.IsIntroduced(domid) ? (byte)'T' : (byte)'F');
            reply.Append(0);
            return XsError.None;
        }

        if (!conn.Privileged)
        {
            return XsError.EACCES;
        }

        switch (type)
        {
            case XsMessageType.Introduce:
                return Introduce(server, domid, payload);
            case XsMessageType.Release:
                return Release(server, domid);
            case XsMessageType.Resume:
                if (!server.Domains.TryGetValue(domid, out DomainRecord resumed))
                {
                    return XsError.ENOENT;
                }

                resumed.ShutdownReported = false;
                return XsError.None;
            case XsMessageType.SetTarget:
                if (!PayloadFields.Take(ref payload, out ReadOnlySpan<byte> rawTarget)
                    || !PayloadFields.TryParseDomainId(rawTarget, out uint target))
                {
                    return XsError.EINVAL;
                }

                if (!server.Domains.TryGetValue(domid, out DomainRecord d))
                {
                    return XsError.ENOENT;
                }

                d.TargetId = target;
                d.HasTarget = true;
                return XsError.None;
            default: // Restrict: this connection now acts as an unprivileged domid.
                conn.DomainId = domid;
                conn.Privileged = false;
                return XsError.None;
        }
    }

    private static XsError Introduce(XenStoreServer server, uint domid, ReadOnlySpan<byte> payload)
    {
        if (!PayloadFields.Take(ref payload, out ReadOnlySpan<byte> rawMfn)
            || !PayloadFields.TryParseSigned(rawMfn, out long mfn)
            || !PayloadFields.Take(ref payload, out ReadOnlySpan<byte> rawPort)
            || !PayloadFields.TryParseUnsigned(rawPort, out ulong port) || port > uint.MaxValue)
        {
            return XsError.EINVAL;
        }

        if (domid == 0 || domid >= 0x7ff0)
        {
            return XsError.EINVAL; // must be a real domain, not dom0 nor a DOMID_* special (xen.h)
        }

        if (server.Domains.TryGetValue(domid, out DomainRecord existing))
        {
            return existing.Mfn == (ulong)mfn && existing.EventChannel == (uint)port ? XsError.None : XsError.EEXIST;
        }

        server.Domains.Set(domid, new DomainRecord(domid, (ulong)mfn, (uint)port));
        server.DomainIntroduced?.Invoke(domid, (ulong)mfn, (uint)port);
        WatchEvents.Fire(server.Connections, server.Nodes, "@introduceDomain", false);
        return XsError.None;
    }

    private static XsError Release(XenStoreServer server, uint domid)
    {
        if (!server.Domains.Remove(domid))
        {
            return XsError.ENOENT;
        }

        GrowList<XsConnection> all = server.Connections;
        for (int i = all.Count - 1; i >= 0; i--)
        {
            if (all[i].IsDomainRing && all[i].DomainId == domid)
            {
                server.Disconnect(all[i]);
            }
        }

        server.DomainReleased?.Invoke(domid);
        WatchEvents.Fire(server.Connections, server.Nodes, "@releaseDomain", false);
        return XsError.None;
    }
}
