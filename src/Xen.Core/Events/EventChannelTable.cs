// A domain's event-channel ports under the 2-level ABI (xen/include/public/event_channel.h) and the
// operations on them. Capacity is fixed at NR_EVENT_CHANNELS for 2-level on 64-bit guests:
// sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64 = 4096. Port 0 is reserved and never handed out, as in Xen.
// Errors follow Xen: a port beyond the table or in the wrong state -EINVAL, a vCPU id that does not exist
// -ENOENT, a VIRQ already bound on that vCPU -EEXIST, a full table -ENOSPC.
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Core.Events;

/// <summary>Event-channel ports of one domain.</summary>
public sealed class EventChannelTable
{
    /// <summary>NR_EVENT_CHANNELS for the 2-level ABI on 64-bit guests.</summary>
    public const int Capacity = 4096;

    private readonly Domain _domain;
    private readonly EventChannel[] _ports = new EventChannel[Capacity];
    private readonly uint[] _virqPorts; // [vcpu * NR_VIRQS + virq] → port, 0 = unbound
    private readonly uint[] _listenerPorts = new uint[MaxListeners];
    private readonly IPortListener?[] _listeners = new IPortListener?[MaxListeners];

    /// <summary>Hypervisor backends per domain (console, xenstore, spare).</summary>
    public const int MaxListeners = 4;

    /// <summary>Creates the table of <paramref name="domain"/>.</summary>
    public EventChannelTable(Domain domain)
    {
        _domain = domain;
        _virqPorts = new uint[domain.Vcpus.Length * EventChannelOp.VirqCount];
        _ports[0].State = EventChannelState.Reserved;
    }

    /// <summary>True if <paramref name="port"/> is inside the table.</summary>
    public static bool IsValid(uint port) => port < Capacity;

    /// <summary>State of <paramref name="port"/> (Free outside the table).</summary>
    public EventChannelState StateOf(uint port) => IsValid(port) ? _ports[port].State : EventChannelState.Free;

    /// <summary>vCPU notified for <paramref name="port"/>.</summary>
    public int NotifyVcpuOf(uint port) => IsValid(port) ? _ports[port].NotifyVcpu : 0;

    /// <summary>Ports in use (excluding the reserved port 0).</summary>
    public int UsedCount
    {
        get
        {
            int n = 0;
            for (int i = 1; i < Capacity; i++) if (_ports[i].State != EventChannelState.Free) n++;
            return n;
        }
    }

    /// <summary>EVTCHNOP_alloc_unbound: a port <paramref name="remoteDomain"/> may bind. Port or -ENOSPC.</summary>
    public int AllocUnbound(ushort remoteDomain)
    {
        int port = FreePort();
        if (port < 0) return port;
        _ports[port] = new EventChannel { State = EventChannelState.Unbound, RemoteDomain = remoteDomain };
        return port;
    }

    /// <summary>EVTCHNOP_bind_interdomain: connects a new local port to <paramref name="remote"/>'s unbound
    /// <paramref name="remotePort"/>, which must have been allocated for this domain. Local port or -errno.
    /// The new local port is set pending: notifications sent while the remote port was unbound were dropped.</summary>
    public int BindInterdomain(Domain remote, uint remotePort)
    {
        EventChannelTable? rt = remote.EventChannels;
        if (rt is null || !IsValid(remotePort)) return -XenErrno.EINVAL;
        if (rt._ports[remotePort].State != EventChannelState.Unbound || rt._ports[remotePort].RemoteDomain != _domain.Id)
            return -XenErrno.EINVAL;
        int local = FreePort();
        if (local < 0) return local;
        _ports[local] = new EventChannel
        {
            State = EventChannelState.Interdomain, RemoteDomain = remote.Id, RemotePort = remotePort,
        };
        rt._ports[remotePort].State = EventChannelState.Interdomain;
        rt._ports[remotePort].RemoteDomain = _domain.Id;
        rt._ports[remotePort].RemotePort = (uint)local;
        TwoLevelEvents.SetPending(_domain, 0, (uint)local);
        return local;
    }

    /// <summary>EVTCHNOP_bind_virq. Port or -errno.</summary>
    public int BindVirq(uint virq, uint vcpu)
    {
        if (virq >= EventChannelOp.VirqCount) return -XenErrno.EINVAL;
        if (!EventChannelOp.IsPerVcpuVirq(virq) && vcpu != 0) return -XenErrno.EINVAL; // global VIRQs: vCPU 0
        if (vcpu >= (uint)_domain.Vcpus.Length) return -XenErrno.ENOENT;
        int slot = (int)(vcpu * EventChannelOp.VirqCount + virq);
        if (_virqPorts[slot] != 0) return -XenErrno.EEXIST;
        int port = FreePort();
        if (port < 0) return port;
        _ports[port] = new EventChannel { State = EventChannelState.Virq, Virq = virq, NotifyVcpu = (ushort)vcpu };
        _virqPorts[slot] = (uint)port;
        return port;
    }

    /// <summary>EVTCHNOP_bind_ipi. Port or -errno.</summary>
    public int BindIpi(uint vcpu)
    {
        if (vcpu >= (uint)_domain.Vcpus.Length) return -XenErrno.ENOENT;
        int port = FreePort();
        if (port < 0) return port;
        _ports[port] = new EventChannel { State = EventChannelState.Ipi, NotifyVcpu = (ushort)vcpu };
        return port;
    }

    /// <summary>Raises <paramref name="virq"/> on <paramref name="vcpu"/> if the guest bound it; false otherwise.</summary>
    public bool SendVirq(uint virq, int vcpu)
    {
        if (virq >= EventChannelOp.VirqCount || (uint)vcpu >= (uint)_domain.Vcpus.Length) return false;
        uint port = _virqPorts[vcpu * EventChannelOp.VirqCount + (int)virq];
        if (port == 0) return false;
        TwoLevelEvents.SetPending(_domain, _ports[port].NotifyVcpu, port);
        return true;
    }

    /// <summary>EVTCHNOP_send. Interdomain: the peer port becomes pending; IPI: this port; unbound: the
    /// notification is dropped. A hypervisor listener on the port is notified in every state.</summary>
    public int Send(uint port, DomainTable? domains)
    {
        if (!IsValid(port)) return -XenErrno.EINVAL;
        ref EventChannel chn = ref _ports[port];
        int rc = 0;
        switch (chn.State)
        {
            case EventChannelState.Interdomain:
            {
                Domain? peer = chn.RemoteDomain == _domain.Id ? _domain : domains?.Find(chn.RemoteDomain);
                EventChannelTable? pt = peer?.EventChannels;
                if (peer is not null && pt is not null)
                    TwoLevelEvents.SetPending(peer, pt._ports[chn.RemotePort].NotifyVcpu, chn.RemotePort);
                break;
            }
            case EventChannelState.Ipi:
                TwoLevelEvents.SetPending(_domain, chn.NotifyVcpu, port);
                break;
            case EventChannelState.Unbound:
                break;
            default:
                rc = -XenErrno.EINVAL;
                break;
        }
        if (chn.HasListener) ListenerOf(port)?.Notify();
        return rc;
    }

    /// <summary>EVTCHNOP_close. An interdomain peer becomes unbound again (bindable by this domain).</summary>
    public int Close(uint port, DomainTable? domains)
    {
        if (!IsValid(port)) return -XenErrno.EINVAL;
        ref EventChannel chn = ref _ports[port];
        switch (chn.State)
        {
            case EventChannelState.Free:
            case EventChannelState.Reserved:
                return -XenErrno.EINVAL;
            case EventChannelState.Virq:
                _virqPorts[chn.NotifyVcpu * EventChannelOp.VirqCount + (int)chn.Virq] = 0;
                break;
            case EventChannelState.Interdomain:
            {
                Domain? peer = chn.RemoteDomain == _domain.Id ? _domain : domains?.Find(chn.RemoteDomain);
                EventChannelTable? pt = peer?.EventChannels;
                if (pt is not null && pt._ports[chn.RemotePort].State == EventChannelState.Interdomain)
                {
                    pt._ports[chn.RemotePort].State = EventChannelState.Unbound;
                    pt._ports[chn.RemotePort].RemoteDomain = _domain.Id;
                    pt._ports[chn.RemotePort].RemotePort = 0;
                }
                break;
            }
        }
        TwoLevelEvents.ClearPending(_domain, port);
        if (chn.HasListener) Detach(port);
        _ports[port] = default;
        return 0;
    }

    /// <summary>EVTCHNOP_unmask.</summary>
    public int Unmask(uint port)
    {
        if (!IsValid(port)) return -XenErrno.EINVAL;
        TwoLevelEvents.Unmask(_domain, _ports[port].NotifyVcpu, port);
        return 0;
    }

    /// <summary>EVTCHNOP_bind_vcpu: future notifications of <paramref name="port"/> go to <paramref name="vcpu"/>.
    /// Allowed for unbound and interdomain ports and global VIRQs.</summary>
    public int BindVcpu(uint port, uint vcpu)
    {
        if (vcpu >= (uint)_domain.Vcpus.Length) return -XenErrno.ENOENT;
        if (!IsValid(port)) return -XenErrno.EINVAL;
        ref EventChannel chn = ref _ports[port];
        switch (chn.State)
        {
            case EventChannelState.Virq:
                if (EventChannelOp.IsPerVcpuVirq(chn.Virq)) return -XenErrno.EINVAL;
                _virqPorts[chn.NotifyVcpu * EventChannelOp.VirqCount + (int)chn.Virq] = 0;
                _virqPorts[vcpu * EventChannelOp.VirqCount + chn.Virq] = port;
                chn.NotifyVcpu = (ushort)vcpu;
                return 0;
            case EventChannelState.Unbound:
            case EventChannelState.Interdomain:
                chn.NotifyVcpu = (ushort)vcpu;
                return 0;
            default:
                return -XenErrno.EINVAL;
        }
    }

    /// <summary>EVTCHNOP_status for <paramref name="port"/>: EVTCHNSTAT_* state, vCPU, and the union fields
    /// (unbound: remote domain; interdomain: peer domain and port; virq: number). -EINVAL outside the table.</summary>
    public int Status(uint port, out uint status, out uint vcpu, out uint field0, out uint field1)
    {
        status = vcpu = field0 = field1 = 0;
        if (!IsValid(port)) return -XenErrno.EINVAL;
        EventChannel chn = _ports[port];
        vcpu = chn.NotifyVcpu;
        switch (chn.State)
        {
            case EventChannelState.Unbound:
                status = EventChannelOp.StatusUnbound; field0 = chn.RemoteDomain; break;
            case EventChannelState.Interdomain:
                status = EventChannelOp.StatusInterdomain; field0 = chn.RemoteDomain; field1 = chn.RemotePort; break;
            case EventChannelState.Virq:
                status = EventChannelOp.StatusVirq; field0 = chn.Virq; break;
            case EventChannelState.Ipi:
                status = EventChannelOp.StatusIpi; break;
            default:
                status = EventChannelOp.StatusClosed; break;
        }
        return 0;
    }

    /// <summary>EVTCHNOP_reset: closes every port.</summary>
    public int Reset(DomainTable? domains)
    {
        for (uint p = 1; p < Capacity; p++)
            if (_ports[p].State != EventChannelState.Free) Close(p, domains);
        return 0;
    }

    /// <summary>Makes the hypervisor consume sends on the allocated <paramref name="port"/> (console, xenstore
    /// backends). False if the port is not in use or <see cref="MaxListeners"/> are attached.</summary>
    public bool AttachListener(uint port, IPortListener listener)
    {
        if (!IsValid(port) || _ports[port].State == EventChannelState.Free || _ports[port].HasListener) return false;
        for (int i = 0; i < MaxListeners; i++)
        {
            if (_listeners[i] is not null) continue;
            _listeners[i] = listener;
            _listenerPorts[i] = port;
            _ports[port].ListenerFlag = 1;
            return true;
        }
        return false;
    }

    private IPortListener? ListenerOf(uint port)
    {
        for (int i = 0; i < MaxListeners; i++)
            if (_listeners[i] is not null && _listenerPorts[i] == port) return _listeners[i];
        return null;
    }

    private void Detach(uint port)
    {
        for (int i = 0; i < MaxListeners; i++)
            if (_listeners[i] is not null && _listenerPorts[i] == port) _listeners[i] = null;
    }

    private int FreePort()
    {
        for (int p = 1; p < Capacity; p++)
            if (_ports[p].State == EventChannelState.Free) return p;
        return -XenErrno.ENOSPC;
    }
}
