// Why: the record type numbers of the libxc stream, from libxc-migration-stream.pandoc (revision 3)
// and tools/libs/guest/xg_sr_stream_format.h (REC_TYPE_*).
namespace Xen.Migration.Libxc;

/// <summary>libxc stream record types. Bit 31 set marks an optional record.</summary>
public enum LibxcRecordType : uint
{
    /// <summary>End of the image; the final record.</summary>
    End = 0x00,
    /// <summary>Guest memory: PFNs with their types, then page contents.</summary>
    PageData = 0x01,
    /// <summary>x86 PV guest width and page-table levels.</summary>
    X86PvInfo = 0x02,
    /// <summary>x86 PV frames holding the guest's P2M.</summary>
    X86PvP2mFrames = 0x03,
    /// <summary>x86 PV vCPU context (XEN_DOMCTL_{get,set}vcpucontext).</summary>
    X86PvVcpuBasic = 0x04,
    /// <summary>x86 PV extended vCPU context (XEN_DOMCTL_{get,set}_ext_vcpucontext).</summary>
    X86PvVcpuExtended = 0x05,
    /// <summary>x86 PV xsave state (XEN_DOMCTL_{get,set}vcpuextstate).</summary>
    X86PvVcpuXsave = 0x06,
    /// <summary>Contents of the shared info page.</summary>
    SharedInfo = 0x07,
    /// <summary>TSC mode, frequency, elapsed nsec and incarnation.</summary>
    X86TscInfo = 0x08,
    /// <summary>HVM context blob (XEN_DOMCTL_{get,set}hvmcontext).</summary>
    HvmContext = 0x09,
    /// <summary>HVM parameters (HVMOP_{get,set}_param).</summary>
    HvmParams = 0x0A,
    /// <summary>Deprecated opaque toolstack blob.</summary>
    Toolstack = 0x0B,
    /// <summary>x86 PV vCPU MSRs (XEN_DOMCTL_{get,set}_vcpu_msrs).</summary>
    X86PvVcpuMsrs = 0x0C,
    /// <summary>Further memory records follow for debugging.</summary>
    Verify = 0x0D,
    /// <summary>The preceding records form a consistent VM state.</summary>
    Checkpoint = 0x0E,
    /// <summary>PFNs dirtied on the secondary (COLO, secondary to primary).</summary>
    CheckpointDirtyPfnList = 0x0F,
    /// <summary>End of static configuration data (mandatory from stream version 3).</summary>
    StaticDataEnd = 0x10,
    /// <summary>The domain's CPUID policy as xen_cpuid_leaf_t entries.</summary>
    X86CpuidPolicy = 0x11,
    /// <summary>The domain's MSR policy as xen_msr_entry_t entries.</summary>
    X86MsrPolicy = 0x12,
}
