// A hypercall as the arch layer decoded it from the guest's registers (x86-64: rax = number, rdi, rsi, rdx,
// r10, r8; x86-32: eax, ebx, ecx, edx, esi, edi; Arm: x16 = number, x0-x4). Arguments are raw register
// values: guest pointers in them are guest-linear addresses and are only ever used through GuestAccess.
namespace Xen.Core.Hypercalls;

/// <summary>Hypercall number and up to five arguments.</summary>
public struct HypercallArgs
{
    /// <summary>__HYPERVISOR_* number.</summary>
    public ulong Number;
    /// <summary>Arguments 1-5.</summary>
    public ulong Arg0, Arg1, Arg2, Arg3, Arg4;
    /// <summary>True when the caller runs in a 32-bit mode (compat ABI: 32-bit longs and pointers).</summary>
    public bool IsCompat;

    /// <summary>Creates a call with the given number and arguments.</summary>
    public HypercallArgs(ulong number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0)
    {
        Number = number;
        Arg0 = a0; Arg1 = a1; Arg2 = a2; Arg3 = a3; Arg4 = a4;
        IsCompat = false;
    }
}
