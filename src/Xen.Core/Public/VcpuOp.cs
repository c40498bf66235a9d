// vcpu_op (hypercall 24) commands, flags and argument layouts (xen/include/public/vcpu.h), and the runstate
// values. vcpu_op(cmd, vcpuid, extra_args). Every structure here has one layout for 32- and 64-bit callers
// except vcpu_runstate_info (the compat form packs uint64_t at 4-byte alignment: 44 bytes).
namespace Xen.Core.Public;

/// <summary>VCPUOP_* values and layouts.</summary>
public static class VcpuOp
{
#pragma warning disable CS1591 // vcpu.h names
    public const int Initialise = 0;
    public const int Up = 1;
    public const int Down = 2;
    public const int IsUp = 3;
    public const int GetRunstateInfo = 4;
    public const int RegisterRunstateMemoryArea = 5;
    public const int SetPeriodicTimer = 6;
    public const int StopPeriodicTimer = 7;
    public const int SetSingleshotTimer = 8;
    public const int StopSingleshotTimer = 9;
    public const int RegisterVcpuInfo = 10;
    public const int SendNmi = 11;
    public const int GetPhysid = 12;
    public const int RegisterVcpuTimeMemoryArea = 13;

    // RUNSTATE_* (vcpu.h).
    public const int RunstateRunning = 0;
    public const int RunstateRunnable = 1;
    public const int RunstateBlocked = 2;
    public const int RunstateOffline = 3;
#pragma warning restore CS1591

    /// <summary>VCPU_SSHOTTMR_future: -ETIME if the timeout has already passed.</summary>
    public const uint SingleshotFuture = 1;

    /// <summary>Shortest period VCPUOP_set_periodic_timer accepts: MILLISECS(1) (Xen's do_vcpu_op).</summary>
    public const ulong MinimumPeriodNs = 1_000_000;

    /// <summary>sizeof(struct vcpu_set_singleshot_timer): uint64_t timeout_abs_ns @0, uint32_t flags @8, padded to 16.</summary>
    public const int SingleshotTimerSize = 16;

    /// <summary>Bytes of struct vcpu_set_singleshot_timer a compat (32-bit) caller passes: 12 (no tail padding).</summary>
    public const int SingleshotTimerCompatSize = 12;

    /// <summary>sizeof(struct vcpu_set_periodic_timer): uint64_t period_ns.</summary>
    public const int PeriodicTimerSize = 8;

    /// <summary>sizeof(struct vcpu_register_vcpu_info): uint64_t mfn @0, uint32_t offset @8, uint32_t rsvd @12.</summary>
    public const int RegisterVcpuInfoSize = 16;

    /// <summary>sizeof(struct vcpu_runstate_info), 64-bit: int state @0, uint64_t state_entry_time @8, time[4] @16.</summary>
    public const int RunstateInfoSize = 48;

    /// <summary>Size of the address union of vcpu_register_runstate_memory_area / _time_memory_area (uint64_t p).</summary>
    public const int AreaAddressSize = 8;
}
