// console_io sub-operations (xen/include/public/xen.h, CONSOLEIO_*): console_io(cmd, count, buffer).
// Xen lets every domain write; reading the hypervisor console is for privileged domains only.
namespace Xen.Core.Public;

/// <summary>CONSOLEIO_* commands.</summary>
public static class ConsoleIoOp
{
    /// <summary>CONSOLEIO_write: print count bytes from the guest buffer.</summary>
    public const int Write = 0;
    /// <summary>CONSOLEIO_read: read from the hypervisor's console input (privileged).</summary>
    public const int Read = 1;
}
