// The register frame Vectors.s builds on the stack before calling XenTrap: GPRs in reverse push order, the
// vector and error code pushed by the stub, then what the CPU pushed (RIP, CS, RFLAGS, RSP, SS).
using System.Runtime.InteropServices;

namespace Xen.Arch.X86.Interrupts;

/// <summary>Saved state at an exception.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TrapFrame
{
#pragma warning disable CS1591 // register names are their own documentation
    public ulong R15, R14, R13, R12, R11, R10, R9, R8, Rbp, Rdi, Rsi, Rdx, Rcx, Rbx, Rax;
    public ulong Vector, ErrorCode;
    public ulong Rip, Cs, Rflags, Rsp, Ss;
#pragma warning restore CS1591

    /// <summary>Architectural exception mnemonic (Intel SDM vol. 3A table 6-1).</summary>
    public static string VectorName(ulong vector) => vector switch
    {
        0 => "#DE divide error", 1 => "#DB debug", 2 => "NMI", 3 => "#BP breakpoint", 4 => "#OF overflow",
        5 => "#BR bound range", 6 => "#UD invalid opcode", 7 => "#NM device not available", 8 => "#DF double fault",
        10 => "#TS invalid TSS", 11 => "#NP segment not present", 12 => "#SS stack fault", 13 => "#GP general protection",
        14 => "#PF page fault", 16 => "#MF x87 error", 17 => "#AC alignment check", 18 => "#MC machine check",
        19 => "#XM SIMD exception", 20 => "#VE virtualization exception", 21 => "#CP control protection",
        29 => "#VC VMM communication", 30 => "#SX security exception", _ => "reserved vector",
    };
}
