// Why: X86_MSR_POLICY is an array of xen_msr_entry_t {u32 idx, u32 flags (reserved, MBZ), u64 val}
// (public/arch-x86/xen.h).
using System;

namespace Xen.Migration.Libxc;

/// <summary>One xen_msr_entry_t.</summary>
public readonly record struct MsrEntry(uint Index, uint Flags, ulong Value)
{
    /// <summary>Encoded size.</summary>
    public const int Size = 16;
}

/// <summary>X86_MSR_POLICY.</summary>
public sealed class X86MsrPolicyRecord(MsrEntry[] entries) : LibxcRecord
{
    /// <inheritdoc />
    public override LibxcRecordType Type => LibxcRecordType.X86MsrPolicy;

    /// <summary>The MSRs.</summary>
    public MsrEntry[] Entries { get; } = entries ?? throw new ArgumentNullException(nameof(entries));
}
