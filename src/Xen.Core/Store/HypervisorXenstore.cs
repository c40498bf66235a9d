// Xenstore served by the hypervisor itself: one store (Xen.Store's XenStoreServer) for every domain, each
// domain connected over its own ring page and event channel — the job xenstored does in dom0 under Xen.
// At domain build the hypervisor acts as the toolstack (libxl__domain_make / xs_introduce_domain): it
// creates /local/domain/<id> owned by the domain with no access for others, writes `domid` and `name`,
// allocates an unbound port for the hypervisor's end (as libxl does for xenstored), INTRODUCEs the domain
// and sets HVM_PARAM_STORE_PFN (1) / HVM_PARAM_STORE_EVTCHN (2). Permissions are the store's own
// (xenstored's model): a domain owns its subtree and reads nothing else unless granted.
//
// Threading: like the PV console, requests are processed synchronously inside the guest's EVTCHNOP_send;
// only one physical CPU runs guests today, so calls are already serialised.
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Public;
using Xen.Store.Processing;
using Xen.Store.Transport;
using Xen.Store.Wire;

namespace Xen.Core.Store;

/// <summary>The hypervisor's xenstore: one store, one ring per domain.</summary>
public sealed unsafe class HypervisorXenstore
{
    private readonly XenStoreServer _store;
    private readonly ToolstackChannel _toolstack;
    private DomainStoreRing?[] _rings = new DomainStoreRing?[4];
    private int _count;

    /// <summary>Creates the store with dom0's entries (/local/domain/0/{domid,name}) like Xen's init scripts.</summary>
    public HypervisorXenstore()
    {
        _store = new XenStoreServer();
        _toolstack = new ToolstackChannel(_store);
        Dom0Ready = WriteDomainNodes(0, "Domain-0");
    }

    /// <summary>The store (for inspection and tests).</summary>
    public XenStoreServer Store => _store;

    /// <summary>True if dom0's nodes were written at start.</summary>
    public bool Dom0Ready { get; }

    /// <summary>Number of domains connected.</summary>
    public int Count => _count;

    /// <summary>The ring of domain <paramref name="domid"/>, or null.</summary>
    public DomainStoreRing? Find(ushort domid)
    {
        for (int i = 0; i < _count; i++)
            if (_rings[i]!.Domain.Id == domid) return _rings[i];
        return null;
    }

    /// <summary>Gives <paramref name="d"/> its xenstore: ring page in its store frame, an unbound port served by
    /// the hypervisor, its /local/domain/&lt;id&gt; nodes, INTRODUCE, and HVM params 1/2. 0 or a negative errno.</summary>
    public int Attach(Domain d)
    {
        if (Find(d.Id) is not null) return -XenErrno.EEXIST;
        if (d.P2m.PageCount <= SpecialPages.Count) return -XenErrno.ENOMEM;
        ulong gfn = SpecialPages.StoreGfn(d.P2m);
        if (d.P2m.Clear(gfn * P2m.PageSize, P2m.PageSize) != 0 || !d.P2m.TryTranslate(gfn * P2m.PageSize, out ulong host))
            return -XenErrno.EFAULT;
        int port = d.EventChannels.AllocUnbound(0);
        if (port <= 0) return port < 0 ? port : -XenErrno.ENOSPC;
        if (!WriteDomainNodes(d.Id, d.Name) || !Introduce(d.Id, gfn, (uint)port))
        {
            d.EventChannels.Close((uint)port, null);
            return -XenErrno.EIO;
        }
        XsConnection connection = _store.ConnectDomain(d.Id);
        var ring = new DomainStoreRing(this, d, gfn, (uint)port, new RingTransport(_store, connection, (byte*)host, null));
        if (!d.EventChannels.AttachListener((uint)port, ring))
        {
            _store.Disconnect(connection);
            Release(d.Id);
            d.EventChannels.Close((uint)port, null);
            return -XenErrno.EBUSY;
        }
        Add(ring);
        d.HvmParams[HvmOp.ParamStorePfn] = gfn;
        d.HvmParams[HvmOp.ParamStoreEvtchn] = (uint)port;
        return 0;
    }

    /// <summary>Disconnects <paramref name="d"/>: RELEASE (fires @releaseDomain) and removes /local/domain/&lt;id&gt;,
    /// as the toolstack does when a domain is destroyed. False if it was not attached.</summary>
    public bool Detach(Domain d)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_rings[i]!.Domain != d) continue;
            _store.Disconnect(_rings[i]!.Transport.Connection);
            _rings[i] = _rings[--_count];
            _rings[_count] = null;
            Release(d.Id);
            _toolstack.Begin();
            DomainPath(d.Id);
            _toolstack.Byte(0);
            _toolstack.Send(XsMessageType.Rm);
            return true;
        }
        return false;
    }

    /// <summary>Tells watchers that <paramref name="d"/> shut down or crashed: fires @releaseDomain once (until the
    /// domain resumes), as xenstored does on VIRQ_DOM_EXC, and delivers the events to the other rings.</summary>
    public void ReportShutdown(Domain d)
    {
        _store.ReportDomainShutdown(d.Id);
        PollAll();
    }

    /// <summary>Serves <paramref name="ring"/> (its guest notified), then every other ring that has output queued
    /// (watch events its request fired).</summary>
    public void Serve(DomainStoreRing ring)
    {
        ring.Poll();
        for (int i = 0; i < _count; i++)
        {
            DomainStoreRing other = _rings[i]!;
            if (other != ring && other.Transport.Connection.PendingOutputBytes > 0) other.Poll();
        }
    }

    /// <summary>Serves every ring (e.g. after the hypervisor changed the store itself).</summary>
    public void PollAll()
    {
        for (int i = 0; i < _count; i++) _rings[i]!.Poll();
    }

    private void Add(DomainStoreRing ring)
    {
        if (_count == _rings.Length)
        {
            var bigger = new DomainStoreRing?[_rings.Length * 2];
            for (int i = 0; i < _count; i++) bigger[i] = _rings[i];
            _rings = bigger;
        }
        _rings[_count++] = ring;
    }

    // libxl: /local/domain/<id> is created with perms "n<id>" (owner the domain, no access for others);
    // domid and name are written below it and inherit that.
    private bool WriteDomainNodes(ushort domid, string name)
    {
        _toolstack.Begin();
        DomainPath(domid);
        _toolstack.Byte(0);
        if (!_toolstack.Send(XsMessageType.Mkdir)) return false;

        _toolstack.Begin();
        DomainPath(domid);
        _toolstack.Byte(0);
        _toolstack.Byte((byte)'n');
        _toolstack.Decimal(domid);
        _toolstack.Byte(0);
        if (!_toolstack.Send(XsMessageType.SetPerms)) return false;

        _toolstack.Begin();
        DomainPath(domid);
        _toolstack.Text("/domid");
        _toolstack.Byte(0);
        _toolstack.Decimal(domid);
        if (!_toolstack.Send(XsMessageType.Write)) return false;

        _toolstack.Begin();
        DomainPath(domid);
        _toolstack.Text("/name");
        _toolstack.Byte(0);
        _toolstack.Text(name);
        return _toolstack.Send(XsMessageType.Write);
    }

    // XS_INTRODUCE: "<domid>\0<mfn>\0<evtchn>\0" (docs/misc/xenstore.txt); for an HVM/PVH guest the frame is a gfn.
    private bool Introduce(ushort domid, ulong gfn, uint port)
    {
        _toolstack.Begin();
        _toolstack.Decimal(domid);
        _toolstack.Byte(0);
        _toolstack.Decimal(gfn);
        _toolstack.Byte(0);
        _toolstack.Decimal(port);
        _toolstack.Byte(0);
        return _toolstack.Send(XsMessageType.Introduce);
    }

    private void Release(ushort domid)
    {
        _toolstack.Begin();
        _toolstack.Decimal(domid);
        _toolstack.Byte(0);
        _toolstack.Send(XsMessageType.Release);
    }

    private void DomainPath(ushort domid)
    {
        _toolstack.Text("/local/domain/");
        _toolstack.Decimal(domid);
    }
}
