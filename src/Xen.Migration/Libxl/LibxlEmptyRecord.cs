// Why: END, LIBXC_CONTEXT and CHECKPOINT_END contain no fields; their body_length is 0.
using System;

namespace Xen.Migration.Libxl;

/// <summary>A body-less libxl record.</summary>
public sealed class LibxlEmptyRecord : LibxlRecord
{
    /// <summary>Creates the record.</summary>
    public LibxlEmptyRecord(LibxlRecordType type)
    {
        if (type is not (LibxlRecordType.End or LibxlRecordType.LibxcContext or LibxlRecordType.CheckpointEnd))
            throw new ArgumentOutOfRangeException(nameof(type), type, "record type has a body");
        Type = type;
    }

    /// <inheritdoc />
    public override LibxlRecordType Type { get; }
}
