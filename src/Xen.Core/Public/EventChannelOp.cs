// event_channel_op (hypercall 32) commands, channel states, VIRQ numbers and argument layouts
// (xen/include/public/event_channel.h, xen.h for VIRQ_*). evtchn_port_t is uint32_t, domid_t uint16_t;
// every structure below has the same layout for 32-bit and 64-bit callers.
namespace Xen.Core.Public;

/// <summary>EVTCHNOP_*, EVTCHNSTAT_* and VIRQ_* values.</summary>
public static class EventChannelOp
{
#pragma warning disable CS1591 // event_channel.h names
    public const int BindInterdomain = 0;
    public const int BindVirq = 1;
    public const int BindPirq = 2;
    public const int Close = 3;
    public const int Send = 4;
    public const int Status = 5;
    public const int AllocUnbound = 6;
    public const int BindIpi = 7;
    public const int BindVcpu = 8;
    public const int Unmask = 9;
    public const int Reset = 10;
    public const int InitControl = 11;
    public const int ExpandArray = 12;
    public const int SetPriority = 13;

    // EVTCHNSTAT_* (evtchn_status.status).
    public const uint StatusClosed = 0;
    public const uint StatusUnbound = 1;
    public const uint StatusInterdomain = 2;
    public const uint StatusPirq = 3;
    public const uint StatusVirq = 4;
    public const uint StatusIpi = 5;

    // VIRQ_* (xen.h).
    public const uint VirqTimer = 0;
    public const uint VirqDebug = 1;
    public const uint VirqConsole = 2;
    public const uint VirqXenoprof = 7;
    public const uint VirqXenpmu = 13;
#pragma warning restore CS1591

    /// <summary>NR_VIRQS (xen.h): VIRQ numbers are below 24.</summary>
    public const int VirqCount = 24;

    // Structure sizes: alloc_unbound {dom @0, remote_dom @2, port @4}; bind_interdomain {remote_dom @0,
    // remote_port @4, local_port @8}; bind_virq {virq @0, vcpu @4, port @8}; bind_ipi {vcpu @0, port @4};
    // close/send/unmask {port @0}; status {dom @0, port @4, status @8, vcpu @12, union @16 (unbound.dom;
    // interdomain.dom @16, .port @20; pirq; virq)}; bind_vcpu {port @0, vcpu @4}; reset {dom @0}.
    /// <summary>sizeof(struct evtchn_alloc_unbound).</summary>
    public const int AllocUnboundSize = 8;
    /// <summary>sizeof(struct evtchn_bind_interdomain).</summary>
    public const int BindInterdomainSize = 12;
    /// <summary>sizeof(struct evtchn_bind_virq).</summary>
    public const int BindVirqSize = 12;
    /// <summary>sizeof(struct evtchn_bind_ipi).</summary>
    public const int BindIpiSize = 8;
    /// <summary>sizeof(struct evtchn_status).</summary>
    public const int StatusSize = 24;
    /// <summary>sizeof(struct evtchn_bind_vcpu).</summary>
    public const int BindVcpuSize = 8;

    /// <summary>True for VIRQs bound per vCPU (xen.h marks TIMER, DEBUG, XENOPROF, XENPMU "V" = per-vCPU);
    /// the others are global and bind on vCPU 0 only.</summary>
    public static bool IsPerVcpuVirq(uint virq) =>
        virq == VirqTimer || virq == VirqDebug || virq == VirqXenoprof || virq == VirqXenpmu;
}
