// Why the hypervisor stopped; printed in the panic line and mapped to the exit status QEMU reports.
namespace Xen.Runtime.Diagnostics;

/// <summary>The class of failure that ended the hypervisor.</summary>
public enum PanicReason
{
    /// <summary>A managed exception was thrown; images have no unwinder yet.</summary>
    UnhandledException = 1,

    /// <summary>A runtime invariant failed (stack cookie, corrupted state).</summary>
    FailFast = 2,

    /// <summary>The object heap or page allocator ran dry.</summary>
    OutOfMemory = 3,

    /// <summary>A CPU exception in hypervisor code (page fault, general protection, ...).</summary>
    CpuException = 4,

    /// <summary>Boot could not continue (missing memory map, malformed module headers, ...).</summary>
    Boot = 5,
}
