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

    /// <summary>XENVER_get_features submap 0 (XENFEAT_* bits this hypervisor offers). Every domain here is
    /// translated (second-stage paging), so Xen 4.7 reports writable_page_tables (0), auto_translated_physmap (2)
    /// and memory_op_vnode_supported (13) on both arches; x86 HVM/PVH adds hvm_callback_vector (8) and
    /// hvm_safe_pvclock (9). Without auto_translated_physmap Linux takes the PV grant-table path and BUGs.</summary>
    public uint FeatureSubmap0 { get; set; } = TranslatedFeatures;

    /// <summary>XENFEAT_writable_page_tables | XENFEAT_auto_translated_physmap | XENFEAT_memory_op_vnode_supported.</summary>
    public const uint TranslatedFeatures = 1u << 0 | 1u << 2 | 1u << 13;

    /// <summary>What x86 HVM/PVH domains see: <see cref="TranslatedFeatures"/> plus XENFEAT_hvm_callback_vector and
    /// XENFEAT_hvm_safe_pvclock.</summary>
    public const uint X86HvmFeatures = TranslatedFeatures | 1u << 8 | 1u << 9;
}
