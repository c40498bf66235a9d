// What the exit handler needs from an Arm vCPU backend beyond Xen.Core's IVcpuBackend: its register block.
// Hosted tests implement it over native memory; the image's ArmVcpuBackend over a page of its own.
namespace Xen.Arch.Arm.Virtualization;

/// <summary>An Arm vCPU with a register block.</summary>
public unsafe interface IArmVcpu
{
    /// <summary>The vCPU's saved state (never moves).</summary>
    VcpuContext* Context { get; }
}
