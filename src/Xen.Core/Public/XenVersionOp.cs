// xen_version sub-operations and their argument sizes (xen/include/public/version.h). All sub-ops return 0
// on success except XENVER_version (major << 16 | minor) and XENVER_pagesize (the page size).
namespace Xen.Core.Public;

/// <summary>XENVER_* commands and the sizes of the structures they fill.</summary>
public static class XenVersionOp
{
#pragma warning disable CS1591 // version.h names
    public const int Version = 0;
    public const int ExtraVersion = 1;
    public const int CompileInfo = 2;
    public const int Capabilities = 3;
    public const int Changeset = 4;
    public const int PlatformParameters = 5;
    public const int GetFeatures = 6;
    public const int PageSize = 7;
    public const int GuestHandle = 8;
    public const int CommandLine = 9;
    public const int BuildId = 10;

    /// <summary>struct xen_extraversion: char extraversion[16].</summary>
    public const int ExtraVersionSize = 16;
    /// <summary>struct xen_compile_info: compiler[64], compile_by[16], compile_domain[32], compile_date[32].</summary>
    public const int CompileInfoSize = 144;
    public const int CompilerLength = 64, CompileByLength = 16, CompileDomainLength = 32, CompileDateLength = 32;
    /// <summary>struct xen_capabilities_info: char info[1024].</summary>
    public const int CapabilitiesSize = 1024;
    /// <summary>struct xen_changeset_info: char info[64].</summary>
    public const int ChangesetSize = 64;
    /// <summary>struct xen_platform_parameters: xen_ulong_t virt_start (8 bytes on x86-64 and Arm).</summary>
    public const int PlatformParametersSize = 8;
    /// <summary>struct xen_feature_info: uint32 submap_idx (IN), uint32 submap (OUT).</summary>
    public const int FeatureInfoSize = 8;
    /// <summary>xen_domain_handle_t: uint8[16] (the domain's UUID).</summary>
    public const int DomainHandleSize = 16;
#pragma warning restore CS1591

    /// <summary>The version this hypervisor reports: Xen 4.7's ABI.</summary>
    public const int Major = 4, Minor = 7;
}
