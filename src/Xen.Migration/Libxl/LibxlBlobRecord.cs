// Why: optional libxl records this version does not know are kept as raw bodies, so conversions
// and round trips preserve them.
using System;

namespace Xen.Migration.Libxl;

/// <summary>An uninterpreted libxl record.</summary>
public sealed class LibxlBlobRecord(LibxlRecordType type, ReadOnlyMemory<byte> body) : LibxlRecord
{
    /// <inheritdoc />
    public override LibxlRecordType Type { get; } = type;

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;
}
