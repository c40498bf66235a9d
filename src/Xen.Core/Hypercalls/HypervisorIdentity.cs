// What xen_version reports about this hypervisor. The platform (arch package, build) fills the strings;
// the values are fixed at boot.
namespace Xen.Core.Hypercalls;

/// <summary>Strings and numbers for XENVER_* answers.</summary>
public sealed class HypervisorIdentity
{
    /// <summary>XENVER_extraversion (at most 15 characters plus NUL).</summary>
    public string ExtraVersion { get; set; } = ".0";

    /// <summary>XENVER_compile_info.compiler.</summary>
    public string Compiler { get; set; } = "Roslyn csc + NativeAOT ilc";

    /// <summary>XENVER_compile_info.compile_by.</summary>
    public string CompileBy { get; set; } = "xensharp";

    /// <summary>XENVER_compile_info.compile_domain.</summary>
    public string CompileDomain { get; set; } = "";

    /// <summary>XENVER_compile_info.compile_date.</summary>
    public string CompileDate { get; set; } = "";

    /// <summary>XENVER_changeset (the build id).</summary>
    public string Changeset { get; set; } = "unknown";

    /// <summary>XENVER_capabilities: space-separated guest types, e.g. "hvm-3.0-x86_32 hvm-3.0-x86_64".</summary>
    public string Capabilities { get; set; } = "";

    /// <summary>XENVER_platform_parameters.virt_start.</summary>
    public ulong VirtStart { get; set; }

    /// <summary>XENMEM_maximum_ram_page: one past the highest host RAM frame (Xen's max_page).</summary>
    public ulong MaxRamPage { get; set; }

    /// <summary>XENVER_get_features submap 0 (XENFEAT_* bits this hypervisor offers).</summary>
    public uint FeatureSubmap0 { get; set; }
}
