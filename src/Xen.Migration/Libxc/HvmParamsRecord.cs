// Why: HVM_PARAMS is a count followed by (index, value) pairs of HVMOP_{get,set}_param.
using System;

namespace Xen.Migration.Libxc;

/// <summary>One HVM parameter.</summary>
/// <param name="Index">HVM_PARAM_* index.</param>
/// <param name="Value">Value.</param>
public readonly record struct HvmParam(ulong Index, ulong Value);

/// <summary>HVM_PARAMS.</summary>
public sealed class HvmParamsRecord(HvmParam[] parameters) : LibxcRecord
{
    /// <inheritdoc />
    public override LibxcRecordType Type => LibxcRecordType.HvmParams;

    /// <summary>The parameters.</summary>
    public HvmParam[] Parameters { get; } = parameters ?? throw new ArgumentNullException(nameof(parameters));
}
