// The states of an event channel port: Xen's ECS_* values, reported to guests as EVTCHNSTAT_*
// (xen/include/public/event_channel.h, evtchn_status).
namespace Xen.Core.Events;

/// <summary>State of one port.</summary>
public enum EventChannelState : byte
{
    /// <summary>Not allocated (EVTCHNSTAT_closed).</summary>
    Free,
    /// <summary>Port 0: never handed out (reported as closed).</summary>
    Reserved,
    /// <summary>Allocated for a named remote domain to bind (EVTCHNSTAT_unbound).</summary>
    Unbound,
    /// <summary>Connected to a port of a (possibly the same) domain (EVTCHNSTAT_interdomain).</summary>
    Interdomain,
    /// <summary>Bound to a virtual IRQ (EVTCHNSTAT_virq).</summary>
    Virq,
    /// <summary>An inter-processor interrupt between the domain's vCPUs (EVTCHNSTAT_ipi).</summary>
    Ipi,
}
