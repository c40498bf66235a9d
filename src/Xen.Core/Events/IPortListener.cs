// A hypervisor-side backend of a guest's event channel (the PV console, later xenstore): where Xen has a
// daemon in dom0 bind the other end, the hypervisor itself consumes the notifications.
namespace Xen.Core.Events;

/// <summary>Receives EVTCHNOP_send on a port the hypervisor serves.</summary>
public interface IPortListener
{
    /// <summary>The guest notified the port.</summary>
    void Notify();
}
