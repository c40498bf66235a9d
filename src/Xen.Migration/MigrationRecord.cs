// Why: one base for the records of both the libxl and the libxc layer, so a materialised image can
// keep them interleaved in stream order (libxl records sit between libxc checkpoints).
namespace Xen.Migration;

/// <summary>A decoded record of the libxl or libxc layer.</summary>
public abstract class MigrationRecord
{
    /// <summary>The raw 32-bit record type.</summary>
    public abstract uint TypeCode { get; }

    /// <summary>The layer the record belongs to.</summary>
    public abstract StreamLayer Layer { get; }
}
