// Why: the common base of all decoded libxc records; the concrete classes mirror the record bodies
// of libxc-migration-stream.pandoc one to one.
namespace Xen.Migration.Libxc;

/// <summary>A decoded libxc record.</summary>
public abstract class LibxcRecord : MigrationRecord
{
    /// <summary>The record type.</summary>
    public abstract LibxcRecordType Type { get; }

    /// <inheritdoc />
    public override uint TypeCode => (uint)Type;

    /// <inheritdoc />
    public override StreamLayer Layer => StreamLayer.Libxc;
}
