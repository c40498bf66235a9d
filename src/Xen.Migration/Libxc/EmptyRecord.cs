// Why: END, VERIFY, CHECKPOINT and STATIC_DATA_END have no fields; their body_length is 0.
using System;

namespace Xen.Migration.Libxc;

/// <summary>A libxc record without a body (END, VERIFY, CHECKPOINT, STATIC_DATA_END).</summary>
public sealed class EmptyRecord : LibxcRecord
{
    /// <summary>Creates a body-less record.</summary>
    public EmptyRecord(LibxcRecordType type)
    {
        if (type is not (LibxcRecordType.End or LibxcRecordType.Verify or LibxcRecordType.Checkpoint or LibxcRecordType.StaticDataEnd))
            throw new ArgumentOutOfRangeException(nameof(type), type, "record type has a body");
        Type = type;
    }

    /// <inheritdoc />
    public override LibxcRecordType Type { get; }
}
