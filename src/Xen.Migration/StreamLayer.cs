// Why: an xl save file nests three formats; items and errors say which one they belong to.
namespace Xen.Migration;

/// <summary>The format layer an item belongs to.</summary>
public enum StreamLayer
{
    /// <summary>The xl save-file header (tools/xl/xl.h struct save_file_header).</summary>
    Xl,
    /// <summary>The libxl stream (libxl-migration-stream.pandoc).</summary>
    Libxl,
    /// <summary>The libxc stream (libxc-migration-stream.pandoc).</summary>
    Libxc,
}
