// Why: COLO's secondary reports the PFNs it dirtied back to the primary as an array of 64-bit PFNs.
using System;

namespace Xen.Migration.Libxc;

/// <summary>CHECKPOINT_DIRTY_PFN_LIST.</summary>
public sealed class CheckpointDirtyPfnListRecord(ulong[] pfns) : LibxcRecord
{
    /// <inheritdoc />
    public override LibxcRecordType Type => LibxcRecordType.CheckpointDirtyPfnList;

    /// <summary>The dirty PFNs.</summary>
    public ulong[] Pfns { get; } = pfns ?? throw new ArgumentNullException(nameof(pfns));
}
