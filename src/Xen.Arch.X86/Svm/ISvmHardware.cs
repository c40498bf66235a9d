// The few instructions the SVM vCPU cannot express in C#: VMRUN with its state switch, host CPUID and the
// TSC. Images bind them to assembly (SvmHardware.Image.cs, VmRun.s); hosted tests substitute a fake that
// plays the CPU by writing exit codes into the VMCB, so all exit handling is unit-tested.
using Xen.Arch.X86.Guest;

namespace Xen.Arch.X86.Svm;

/// <summary>Hardware operations behind <see cref="SvmVcpu"/>.</summary>
public unsafe interface ISvmHardware
{
    /// <summary>Enters the guest described by <paramref name="block"/> and returns at its next #VMEXIT.</summary>
    void Run(SvmRunBlock* block);

    /// <summary>The host CPU's CPUID answer.</summary>
    CpuidResult HostCpuid(uint leaf, uint subleaf);

    /// <summary>The time-stamp counter.</summary>
    ulong ReadTsc();

    /// <summary>Index of the physical CPU executing the caller.</summary>
    int CurrentCpu { get; }

    /// <summary>Physical address of this CPU's page for the host's VMSAVE state (FS/GS bases, TR, syscall MSRs):
    /// per CPU, because every CPU's GS base points at its own per-CPU block.</summary>
    ulong HostVmsaveArea { get; }
}
