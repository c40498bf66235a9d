// __HYPERVISOR_console_io (18): console_io(cmd, count, buffer) (xen/include/public/xen.h CONSOLEIO_*).
// Writes are copied from the guest in small chunks (as Xen does) so a huge count neither needs a huge
// buffer nor touches memory past the first bad page; each chunk goes to the domain's line-buffered console.
// Reads of the hypervisor console are for privileged domains only.
using System;
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>console_io.</summary>
public sealed class ConsoleIoHypercall : IHypercallHandler
{
    /// <summary>Bytes copied from the guest per step.</summary>
    public const int ChunkSize = 128;

    /// <summary>Largest count one call accepts; larger writes are -EINVAL (Xen would preempt; we bound instead).</summary>
    public const ulong MaxWrite = 1UL << 20;

    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        ulong count = args.IsCompat ? (uint)args.Arg1 : args.Arg1;
        switch ((long)args.Arg0)
        {
            case ConsoleIoOp.Write:
                return Write(caller, count, args.Arg2);
            case ConsoleIoOp.Read:
                // No console input yet: a privileged reader gets 0 bytes.
                return caller.Domain.IsPrivileged ? 0 : -XenErrno.EPERM;
            default:
                return -XenErrno.ENOSYS;
        }
    }

    private static long Write(Vcpu caller, ulong count, ulong buffer)
    {
        if (count > MaxWrite) return -XenErrno.EINVAL;
        Span<byte> chunk = stackalloc byte[ChunkSize];
        for (ulong done = 0; done < count;)
        {
            int n = (int)Math.Min((ulong)ChunkSize, count - done);
            Span<byte> part = chunk.Slice(0, n);
            int rc = GuestAccess.CopyFrom(caller, buffer + done, part);
            if (rc != 0) return rc;
            caller.Domain.Console.Write(part);
            done += (ulong)n;
        }
        return 0;
    }
}
