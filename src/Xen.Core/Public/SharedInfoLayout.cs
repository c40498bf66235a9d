// Byte offsets of struct shared_info, struct vcpu_info and struct vcpu_time_info for 64-bit x86 guests
// (xen/include/public/xen.h, arch-x86/xen.h). xen_ulong_t and unsigned long are 8 bytes. 32-bit (compat)
// guests see a different layout and are not served by this table.
namespace Xen.Core.Public;

/// <summary>shared_info / vcpu_info offsets (x86-64).</summary>
public static class SharedInfoLayout
{
    /// <summary>XEN_LEGACY_MAX_VCPUS (arch-x86/xen.h): vcpu_info slots embedded in shared_info.</summary>
    public const int LegacyMaxVcpus = 32;

    /// <summary>sizeof(struct vcpu_info): 64 bytes (xen.h).</summary>
    public const int VcpuInfoSize = 64;

    // struct vcpu_info: uint8_t evtchn_upcall_pending @0, uint8_t evtchn_upcall_mask @1,
    // xen_ulong_t evtchn_pending_sel @8, struct arch_vcpu_info arch @16 (cr2, pad: 16 bytes),
    // struct vcpu_time_info time @32 (32 bytes).
    /// <summary>vcpu_info.evtchn_upcall_pending.</summary>
    public const int UpcallPending = 0;
    /// <summary>vcpu_info.evtchn_upcall_mask.</summary>
    public const int UpcallMask = 1;
    /// <summary>vcpu_info.evtchn_pending_sel.</summary>
    public const int PendingSelector = 8;
    /// <summary>vcpu_info.arch (arch_vcpu_info: cr2, pad).</summary>
    public const int Arch = 16;
    /// <summary>vcpu_info.time.</summary>
    public const int Time = 32;

    // struct vcpu_time_info (xen.h): uint32_t version @0, pad0 @4, uint64_t tsc_timestamp @8,
    // uint64_t system_time @16, uint32_t tsc_to_system_mul @24, int8_t tsc_shift @28, uint8_t flags @29.
    /// <summary>sizeof(struct vcpu_time_info).</summary>
    public const int TimeInfoSize = 32;
    /// <summary>vcpu_time_info.version (odd while the hypervisor updates the record).</summary>
    public const int TimeVersion = 0;
    /// <summary>vcpu_time_info.tsc_timestamp.</summary>
    public const int TimeTscTimestamp = 8;
    /// <summary>vcpu_time_info.system_time (ns since boot at tsc_timestamp).</summary>
    public const int TimeSystemTime = 16;
    /// <summary>vcpu_time_info.tsc_to_system_mul.</summary>
    public const int TimeTscToSystemMul = 24;
    /// <summary>vcpu_time_info.tsc_shift.</summary>
    public const int TimeTscShift = 28;
    /// <summary>vcpu_time_info.flags.</summary>
    public const int TimeFlags = 29;
    /// <summary>XEN_PVCLOCK_TSC_STABLE_BIT in vcpu_time_info.flags.</summary>
    public const byte TimeFlagTscStable = 1;

    // struct shared_info: vcpu_info[32] @0, xen_ulong_t evtchn_pending[64] @2048, evtchn_mask[64] @2560,
    // uint32_t wc_version @3072, wc_sec @3076, wc_nsec @3080, wc_sec_hi @3084 (x86-64), arch @3088.
    /// <summary>shared_info.evtchn_pending (sizeof(xen_ulong_t) * 8 words).</summary>
    public const int EvtchnPending = 2048;
    /// <summary>shared_info.evtchn_mask.</summary>
    public const int EvtchnMask = 2560;
    /// <summary>Words in evtchn_pending/evtchn_mask: sizeof(xen_ulong_t) * 8.</summary>
    public const int EvtchnWords = 64;
    /// <summary>shared_info.wc_version.</summary>
    public const int WcVersion = 3072;
    /// <summary>shared_info.wc_sec.</summary>
    public const int WcSec = 3076;
    /// <summary>shared_info.wc_nsec.</summary>
    public const int WcNsec = 3080;
    /// <summary>shared_info.wc_sec_hi (x86-64 only).</summary>
    public const int WcSecHi = 3084;
    /// <summary>shared_info.arch (struct arch_shared_info: max_pfn first).</summary>
    public const int ArchShared = 3088;

    /// <summary>Offset of vcpu_info[<paramref name="vcpuId"/>].</summary>
    public static int VcpuInfo(int vcpuId) => vcpuId * VcpuInfoSize;
}
