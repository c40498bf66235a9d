// The arch seam for one virtual CPU (shared/DESIGN.md §5): Xen.Core drives vCPUs only through this
// interface; SVM implements it today, VMX and Arm EL2 will. Arch-only exits (CPUID, MSRs, nested page
// faults inside the P2M, interrupts) are handled inside Run; everything the core must decide comes back
// as a VcpuExit. Completion calls (hypercall result, port read value) are applied before the next Run.
namespace Xen.Core.Domains;

/// <summary>Architecture backend of a <see cref="Vcpu"/>.</summary>
public interface IVcpuBackend
{
    /// <summary>Sets the registers a kernel is entered with (PVH: 32-bit flat, paging off).</summary>
    void LoadBootState(in VcpuBootState state);

    /// <summary>Runs the vCPU until an exit the core must handle.</summary>
    VcpuExit Run();

    /// <summary>Stores a hypercall's return value for the guest and steps past the call instruction.</summary>
    void CompleteHypercall(long result);

    /// <summary>Completes a port read with <paramref name="value"/> (sized as the exit asked) and steps past it.</summary>
    void CompletePortIo(uint value);

    /// <summary>Steps past the instruction that caused the last exit (halt, port write).</summary>
    void SkipInstruction();

    /// <summary>Translates a guest-linear address through the guest's own paging (identity when paging is off).
    /// False if the guest's tables do not map it or they are not in guest memory.</summary>
    bool TryTranslateLinear(ulong linear, bool write, out ulong guestPhysical);

    /// <summary>Prints the guest register state to the hypervisor console (crash reports).</summary>
    void DumpState();
}
