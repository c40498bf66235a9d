// __HYPERVISOR_xen_version (17): xen_version(cmd, arg) per xen/include/public/version.h. String answers are
// written as the whole fixed-size structure, NUL-padded, built in a zeroed buffer: the guest sees exactly
// the text and zeros, never hypervisor stack contents ("no stack rubble").
using System;
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>xen_version.</summary>
public sealed unsafe class XenVersionHypercall : IHypercallHandler
{
    private readonly HypervisorIdentity _identity;

    /// <summary>Answers with <paramref name="identity"/>.</summary>
    public XenVersionHypercall(HypervisorIdentity identity) { _identity = identity; }

    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        ulong arg = args.Arg1;
        switch ((long)args.Arg0)
        {
            case XenVersionOp.Version:
                return (XenVersionOp.Major << 16) | XenVersionOp.Minor;
            case XenVersionOp.PageSize:
                return (long)P2m.PageSize;
            case XenVersionOp.ExtraVersion:
                return CopyString(caller, arg, _identity.ExtraVersion, XenVersionOp.ExtraVersionSize);
            case XenVersionOp.Capabilities:
                return CopyString(caller, arg, _identity.Capabilities, XenVersionOp.CapabilitiesSize);
            case XenVersionOp.Changeset:
                return CopyString(caller, arg, _identity.Changeset, XenVersionOp.ChangesetSize);
            case XenVersionOp.CompileInfo:
                return CompileInfo(caller, arg);
            case XenVersionOp.PlatformParameters:
            {
                // xen_ulong_t for 64-bit callers; the compat (32-bit) ABI's structure holds a 32-bit value.
                ulong virtStart = args.IsCompat ? (uint)_identity.VirtStart : _identity.VirtStart;
                int size = args.IsCompat ? 4 : XenVersionOp.PlatformParametersSize;
                return GuestAccess.CopyTo(caller, arg, new ReadOnlySpan<byte>(&virtStart, size));
            }
            case XenVersionOp.GetFeatures:
                return GetFeatures(caller, arg);
            case XenVersionOp.GuestHandle:
                return GuestAccess.CopyTo(caller, arg, caller.Domain.Handle);
            case XenVersionOp.CommandLine:
            case XenVersionOp.BuildId:
                // Xen's XSM default policy: only a privileged domain may read these.
                return caller.Domain.IsPrivileged ? -XenErrno.ENOSYS : -XenErrno.EPERM;
            default:
                return -XenErrno.ENOSYS;
        }
    }

    private static long CopyString(Vcpu caller, ulong arg, string text, int size)
    {
        Span<byte> buffer = stackalloc byte[size];
        buffer.Clear();
        Put(buffer, text);
        return GuestAccess.CopyTo(caller, arg, buffer);
    }

    private long CompileInfo(Vcpu caller, ulong arg)
    {
        Span<byte> info = stackalloc byte[XenVersionOp.CompileInfoSize];
        info.Clear();
        int at = 0;
        Put(info.Slice(at, XenVersionOp.CompilerLength), _identity.Compiler);
        at += XenVersionOp.CompilerLength;
        Put(info.Slice(at, XenVersionOp.CompileByLength), _identity.CompileBy);
        at += XenVersionOp.CompileByLength;
        Put(info.Slice(at, XenVersionOp.CompileDomainLength), _identity.CompileDomain);
        at += XenVersionOp.CompileDomainLength;
        Put(info.Slice(at, XenVersionOp.CompileDateLength), _identity.CompileDate);
        return GuestAccess.CopyTo(caller, arg, info);
    }

    private long GetFeatures(Vcpu caller, ulong arg)
    {
        // struct xen_feature_info { unsigned int submap_idx (IN); uint32_t submap (OUT); }
        Span<uint> feature = stackalloc uint[2];
        int rc = GuestAccess.CopyFrom(caller, arg, System.Runtime.InteropServices.MemoryMarshal.AsBytes(feature));
        if (rc != 0) return rc;
        feature[1] = feature[0] == 0 ? _identity.FeatureSubmap0 : 0;
        return GuestAccess.CopyTo(caller, arg, System.Runtime.InteropServices.MemoryMarshal.AsBytes(feature));
    }

    /// <summary>Writes ASCII text, truncated so at least one NUL remains (C strings in fixed arrays).</summary>
    private static void Put(Span<byte> field, string text)
    {
        int n = Math.Min(text.Length, field.Length - 1);
        for (int i = 0; i < n; i++) field[i] = text[i] < 0x80 ? (byte)text[i] : (byte)'?';
    }
}
