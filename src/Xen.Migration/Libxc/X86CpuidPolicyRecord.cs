// Why: X86_CPUID_POLICY is an array of xen_cpuid_leaf_t {leaf, subleaf, a, b, c, d}, six u32s each
// (public/arch-x86/xen.h), applied when STATIC_DATA_END arrives.
using System;

namespace Xen.Migration.Libxc;

/// <summary>One xen_cpuid_leaf_t.</summary>
public readonly record struct CpuidLeaf(uint Leaf, uint Subleaf, uint A, uint B, uint C, uint D)
{
    /// <summary>Encoded size.</summary>
    public const int Size = 24;

    /// <summary>XEN_CPUID_NO_SUBLEAF.</summary>
    public const uint NoSubleaf = 0xFFFF_FFFFu;
}

/// <summary>X86_CPUID_POLICY.</summary>
public sealed class X86CpuidPolicyRecord(CpuidLeaf[] leaves) : LibxcRecord
{
    /// <inheritdoc />
    public override LibxcRecordType Type => LibxcRecordType.X86CpuidPolicy;

    /// <summary>The leaves.</summary>
    public CpuidLeaf[] Leaves { get; } = leaves ?? throw new ArgumentNullException(nameof(leaves));
}
