// Why this file exists: the scheduler reports failures as values, never exceptions (DESIGN.md §3),
// because the same code runs bare-metal where an exception panics the host.
namespace Xen.Sched;

/// <summary>
/// Result of a scheduler operation. Values are Xen errno numbers (xen/include/public/errno.h) so the
/// hypercall layer can return <c>-(int)error</c> to a guest unchanged.
/// </summary>
public enum SchedError
{
    /// <summary>Success.</summary>
    None = 0,
    /// <summary>ESRCH (3): the domain or vCPU is not known to this scheduler.</summary>
    NotFound = 3,
    /// <summary>EBUSY (16): the object is in a state that forbids the operation (e.g. running).</summary>
    Busy = 16,
    /// <summary>EEXIST (17): the object was already inserted.</summary>
    AlreadyExists = 17,
    /// <summary>EINVAL (22): a parameter is outside Xen's documented range.</summary>
    InvalidArgument = 22,
    /// <summary>ENOSPC (28): a fixed-capacity table is full (e.g. ARINC653 minor frames).</summary>
    NoSpace = 28,
}
