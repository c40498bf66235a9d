// Why: X86_PV_VCPU_BASIC, _EXTENDED, _XSAVE and _MSRS share one layout: vcpu_id, reserved, then the
// blob exchanged with the matching domctl pair.
using System;

namespace Xen.Migration.Libxc;

/// <summary>One of the four X86_PV_VCPU_* records.</summary>
public sealed class X86PvVcpuRecord : LibxcRecord
{
    /// <summary>Creates the record.</summary>
    public X86PvVcpuRecord(LibxcRecordType type, uint vcpuId, ReadOnlyMemory<byte> context)
    {
        if (type is not (LibxcRecordType.X86PvVcpuBasic or LibxcRecordType.X86PvVcpuExtended
            or LibxcRecordType.X86PvVcpuXsave or LibxcRecordType.X86PvVcpuMsrs))
            throw new ArgumentOutOfRangeException(nameof(type), type, "not an X86_PV_VCPU_* type");
        Type = type;
        VcpuId = vcpuId;
        Context = context;
    }

    /// <inheritdoc />
    public override LibxcRecordType Type { get; }

    /// <summary>The vCPU.</summary>
    public uint VcpuId { get; }

    /// <summary>The context blob.</summary>
    public ReadOnlyMemory<byte> Context { get; }
}
