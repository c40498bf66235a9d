// One domain's xenstore connection in the hypervisor: the xenstore_domain_interface page in the domain's
// special store frame (HVM_PARAM_STORE_PFN) served by Xen.Store's RingTransport, and the hypervisor end of
// the domain's store port (HVM_PARAM_STORE_EVTCHN). A send on the port is EVTCHNOP_send reaching this
// listener; the service then processes the ring and raises the port when it wrote replies or moved indexes.
using Xen.Core.Domains;
using Xen.Core.Events;
using Xen.Store.Transport;

namespace Xen.Core.Store;

/// <summary>The hypervisor side of one domain's xenstore ring.</summary>
public sealed class DomainStoreRing : IPortListener
{
    private readonly HypervisorXenstore _service;

    internal DomainStoreRing(HypervisorXenstore service, Domain domain, ulong gfn, uint port, RingTransport transport)
    {
        _service = service;
        Domain = domain;
        Gfn = gfn;
        Port = port;
        Transport = transport;
    }

    /// <summary>The domain served.</summary>
    public Domain Domain { get; }

    /// <summary>The ring's guest frame (HVM_PARAM_STORE_PFN).</summary>
    public ulong Gfn { get; }

    /// <summary>The guest's store port (HVM_PARAM_STORE_EVTCHN).</summary>
    public uint Port { get; }

    /// <summary>The ring transport of Xen.Store serving the page.</summary>
    public RingTransport Transport { get; }

    /// <summary>Times the guest notified the port.</summary>
    public ulong Notifications { get; private set; }

    /// <summary>Times the hypervisor raised the guest's port.</summary>
    public ulong Signals { get; private set; }

    /// <inheritdoc />
    public void Notify()
    {
        Notifications++;
        _service.Serve(this);
    }

    /// <summary>Processes the ring; raises the guest's port if anything changed. True if it did.</summary>
    internal bool Poll()
    {
        if (!Domain.IsAlive || !Transport.Poll()) return false;
        Signals++;
        TwoLevelEvents.SetPending(Domain, Domain.EventChannels.NotifyVcpuOf(Port), Port);
        return true;
    }
}
