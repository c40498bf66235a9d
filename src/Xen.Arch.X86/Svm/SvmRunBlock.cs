// The memory block VmRun.s works on: guest GPRs that the VMCB does not hold (everything except RAX, RSP,
// RIP, RFLAGS), the physical addresses of the guest VMCB and of the host's VMSAVE area, and the guest's and
// host's FXSAVE images (512 bytes each, 16-byte aligned; APM vol. 2 "FXSAVE"). The offsets are part of
// the assembly contract: change them in both files.
using System.Runtime.InteropServices;

namespace Xen.Arch.X86.Svm;

/// <summary>Guest register file and state areas for one vCPU; lives in its own page.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SvmRunBlock
{
#pragma warning disable CS1591 // register names
    public ulong Rbx, Rcx, Rdx, Rsi, Rdi, Rbp, R8, R9, R10, R11, R12, R13, R14, R15; // +0 … +104
#pragma warning restore CS1591
    /// <summary>+112: physical address of the guest VMCB (VMLOAD/VMRUN/VMSAVE operand).</summary>
    public ulong GuestVmcb;
    /// <summary>+120: physical address of the host VMSAVE/VMLOAD area (FS, GS, TR, LDTR, syscall MSRs).</summary>
    public ulong HostSaveArea;

    /// <summary>Offset of the guest FXSAVE image (the asm uses 128).</summary>
    public const int GuestFxOffset = 128;
    /// <summary>Offset of the host FXSAVE image (the asm uses 640).</summary>
    public const int HostFxOffset = 640;
    /// <summary>Bytes the block needs including both FXSAVE images.</summary>
    public const int Size = 1152;

    /// <summary>FXSAVE image offsets: FCW at +0, MXCSR at +24 (APM vol. 2 / SDM "FXSAVE memory layout").</summary>
    public const int FxFcw = 0, FxMxcsr = 24;
}
