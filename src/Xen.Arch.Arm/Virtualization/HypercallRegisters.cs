// Xen's Arm hypercall calling convention (xen/include/public/arch-arm.h, "Hypercall calling convention"):
// `hvc #0xEA1`, x16 = hypercall number, x0-x4 = arguments, result in x0. The HVC has already completed when
// the exit is taken (ELR_EL2 points past it: Arm ARM, "Preferred exception return address"), so completing a
// hypercall only writes x0.
using Xen.Core.Hypercalls;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Maps guest registers to hypercall arguments and back.</summary>
public static unsafe class HypercallRegisters
{
    /// <summary>The register holding the hypercall number.</summary>
    public const int NumberRegister = 16;

    /// <summary>Reads the call from x16 and x0-x4.</summary>
    public static HypercallArgs Read(VcpuContext* context) =>
        new(context->X[NumberRegister], context->X[0], context->X[1], context->X[2], context->X[3], context->X[4]);

    /// <summary>Writes <paramref name="result"/> to x0.</summary>
    public static void Complete(VcpuContext* context, long result) => context->X[0] = (ulong)result;
}
