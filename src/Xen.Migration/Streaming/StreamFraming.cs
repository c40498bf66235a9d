// Why: the three framings a domain image travels in: a bare libxc stream (xc_domain_save), a libxl
// stream wrapping it (libxl_domain_suspend, `xl migrate`), or an xl save file (`xl save`).
namespace Xen.Migration.Streaming;

/// <summary>Outermost framing of an image.</summary>
public enum StreamFraming
{
    /// <summary>xl save-file header + libxl stream + libxc stream.</summary>
    Xl,
    /// <summary>libxl stream + libxc stream.</summary>
    Libxl,
    /// <summary>libxc stream only.</summary>
    Libxc,
}
