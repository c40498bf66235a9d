// The common front half of sysctl, domctl and platform_op in Xen 4.7: copy the whole structure from the
// guest (-EFAULT), check interface_version (-EACCES), then ask the XSM dummy policy (XSM_PRIV: only a
// privileged domain, else -EPERM). This hypervisor implements none of the commands behind the gate yet, so a
// privileged caller that passes it gets -ENOSYS.
using System;
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>Copy, version check and privilege check shared by the control hypercalls.</summary>
internal static class ControlOpGate
{
    /// <summary>Copies <paramref name="size"/> bytes at <paramref name="arg"/> into <paramref name="buffer"/> and
    /// checks the interface version; 0 or -errno.</summary>
    public static int Read(Vcpu caller, ulong arg, Span<byte> buffer, int size, uint version)
    {
        int rc = GuestAccess.CopyFrom(caller, arg, buffer.Slice(0, size));
        if (rc != 0) return rc;
        return Wire.Get32(buffer, 4) == version ? 0 : -XenErrno.EACCES;
    }

    /// <summary>XSM_PRIV under the dummy policy: -EPERM unless the caller is privileged, then -ENOSYS
    /// (the command itself is not provided).</summary>
    public static long Refuse(Vcpu caller) => caller.Domain.IsPrivileged ? -XenErrno.ENOSYS : -XenErrno.EPERM;
}
