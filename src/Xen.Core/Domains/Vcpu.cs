// A virtual CPU: the arch-neutral part (identity, scheduling state, counters) plus its arch backend.
namespace Xen.Core.Domains;

/// <summary>One virtual CPU of a <see cref="Domain"/>.</summary>
public sealed class Vcpu
{
    /// <summary>Creates vCPU <paramref name="id"/> of <paramref name="domain"/>; the backend is attached later.</summary>
    public Vcpu(Domain domain, int id)
    {
        Domain = domain;
        Id = id;
        IsInitialised = id == 0; // the domain builder sets up vCPU 0; the others wait for VCPUOP_initialise
    }

    /// <summary>Xen's is_initialised: the vCPU has a register state (boot CPU, or VCPUOP_initialise).</summary>
    public bool IsInitialised { get; set; }

    /// <summary>Single-shot, periodic and poll timers, guest time areas (VCPUOP_*, SCHEDOP_poll).</summary>
    public Time.VcpuTimers Timers { get; } = new Time.VcpuTimers();

    /// <summary>The owning domain.</summary>
    public Domain Domain { get; }

    /// <summary>vCPU id within the domain (Xen's vcpu_id).</summary>
    public int Id { get; }

    /// <summary>The physical CPU executing this vCPU right now, or -1 (written by the run loop under HostLock).</summary>
    public int RunningOn { get; set; } = -1;

    /// <summary>Scheduling state.</summary>
    public VcpuState State { get; set; }

    /// <summary>The arch backend; null until the arch layer created one.</summary>
    public IVcpuBackend? Backend { get; set; }

    /// <summary>The vector HVMOP_set_evtchn_upcall_vector registered for event upcalls, or 0.</summary>
    public byte UpcallVector { get; set; }

    /// <summary>Times an event set evtchn_upcall_pending for this vCPU.</summary>
    public ulong UpcallsRaised { get; set; }

    /// <summary>Raises the arch backend has delivered (injected the upcall vector for).</summary>
    public ulong UpcallsDelivered { get; set; }

    /// <summary>The upcall vector: the per-vCPU one (HVMOP_set_evtchn_upcall_vector) or else the domain's
    /// HVM_PARAM_CALLBACK_IRQ vector; 0 when the guest registered none (it polls).</summary>
    public byte EffectiveUpcallVector => UpcallVector != 0 ? UpcallVector : Domain.HvmParams.CallbackVector;

    /// <summary>True when an upcall was raised but its vector not yet injected.</summary>
    public bool HasUndeliveredUpcall => UpcallsRaised != UpcallsDelivered && EffectiveUpcallVector != 0;

    /// <summary>Hypercalls this vCPU made.</summary>
    public ulong HypercallCount { get; set; }

    /// <summary>Exits the core handled for this vCPU.</summary>
    public ulong ExitCount { get; set; }

    /// <summary>True if the scheduler may pick it.</summary>
    public bool IsRunnable => State == VcpuState.Runnable && Domain.State == DomainState.Running;

    /// <summary>True if runnable and not executing on some CPU (a scheduler may hand it to a CPU).</summary>
    public bool IsPickable => IsRunnable && RunningOn < 0;
}
