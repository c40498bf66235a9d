// Why: the kinds of items a MigrationStreamReader yields, in the order they can occur.
namespace Xen.Migration.Streaming;

/// <summary>Kind of a <see cref="MigrationItem"/>.</summary>
public enum MigrationItemKind
{
    /// <summary>The xl save-file header (with config).</summary>
    XlHeader,
    /// <summary>The libxl stream header.</summary>
    LibxlHeader,
    /// <summary>A libxl record.</summary>
    LibxlRecord,
    /// <summary>The libxc image header.</summary>
    LibxcImageHeader,
    /// <summary>The libxc domain header.</summary>
    LibxcDomainHeader,
    /// <summary>A libxc record.</summary>
    LibxcRecord,
}
