// One port of a domain's event-channel table: its state and what it is connected to (the fields of Xen's
// struct evtchn that the 2-level ABI needs). The layout has no padding and no references on purpose: ilc
// then compares instances bitwise instead of generating a value-type field helper, which needs runtime
// types the image corelib does not have.
namespace Xen.Core.Events;

/// <summary>A port's bookkeeping (16 bytes, no padding).</summary>
internal struct EventChannel
{
    /// <summary>Interdomain: the peer port.</summary>
    public uint RemotePort;
    /// <summary>Virq: the VIRQ number.</summary>
    public uint Virq;
    /// <summary>The vCPU whose vcpu_info receives the selector and upcall bits.</summary>
    public ushort NotifyVcpu;
    /// <summary>Unbound: the domain allowed to bind; interdomain: the peer domain.</summary>
    public ushort RemoteDomain;
    /// <summary>State.</summary>
    public EventChannelState State;
    /// <summary>1 if a hypervisor backend listens (EventChannelTable keeps the listener itself).</summary>
    public byte ListenerFlag;
    /// <summary>Explicit padding (keeps the layout bitwise-comparable).</summary>
    public ushort Unused;

    /// <summary>True if a hypervisor backend listens.</summary>
    public readonly bool HasListener => ListenerFlag != 0;
}
