// Why: the common base of decoded libxl records.
namespace Xen.Migration.Libxl;

/// <summary>A decoded libxl record.</summary>
public abstract class LibxlRecord : MigrationRecord
{
    /// <summary>The record type.</summary>
    public abstract LibxlRecordType Type { get; }

    /// <inheritdoc />
    public override uint TypeCode => (uint)Type;

    /// <inheritdoc />
    public override StreamLayer Layer => StreamLayer.Libxl;
}
