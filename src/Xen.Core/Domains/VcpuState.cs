// Scheduling state of a vCPU.
namespace Xen.Core.Domains;

/// <summary>Whether a vCPU can run.</summary>
public enum VcpuState
{
    /// <summary>Ready to run.</summary>
    Runnable = 0,
    /// <summary>Waiting for an event (SCHEDOP_block, HLT).</summary>
    Blocked,
    /// <summary>Not running and never will again (its domain shut down).</summary>
    Down,
}
