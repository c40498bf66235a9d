// An exit the arch layer could not resolve itself, in arch-neutral terms (shared/DESIGN.md §4).
namespace Xen.Core.Domains;

/// <summary>Kinds of arch-neutral vCPU exits.</summary>
public enum VcpuExitKind
{
    /// <summary>Nothing to do (an interrupt or a preemption point): run again.</summary>
    None = 0,
    /// <summary>The guest made a hypercall: <see cref="VcpuExit.Hypercall"/>.</summary>
    Hypercall,
    /// <summary>Port I/O: <see cref="VcpuExit.Port"/>, <see cref="VcpuExit.Size"/>, <see cref="VcpuExit.IsWrite"/>, <see cref="VcpuExit.Value"/>.</summary>
    PortIo,
    /// <summary>The vCPU halted (HLT/WFI): it waits for an event.</summary>
    Halt,
    /// <summary>The guest did something fatal for its domain (access outside the P2M, unhandled fault).</summary>
    Fault,
    /// <summary>The vCPU shut down (x86 triple fault).</summary>
    Shutdown,
}

/// <summary>One exit the core must handle.</summary>
public struct VcpuExit
{
    /// <summary>What happened.</summary>
    public VcpuExitKind Kind;
    /// <summary>The hypercall number and arguments, for <see cref="VcpuExitKind.Hypercall"/>.</summary>
    public Hypercalls.HypercallArgs Hypercall;
    /// <summary>I/O port number.</summary>
    public ushort Port;
    /// <summary>Access size in bytes (1, 2 or 4).</summary>
    public byte Size;
    /// <summary>True for OUT, false for IN.</summary>
    public bool IsWrite;
    /// <summary>The value written (OUT).</summary>
    public uint Value;
    /// <summary>Guest address involved in a fault (guest-physical for second-stage faults), else 0.</summary>
    public ulong Address;
    /// <summary>A short static description of a fault or shutdown, for the crash report.</summary>
    public string? Reason;
}
