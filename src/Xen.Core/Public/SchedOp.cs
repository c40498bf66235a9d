// sched_op sub-operations (xen/include/public/sched.h). SCHEDOP_shutdown and SCHEDOP_shutdown_code take a
// struct sched_shutdown { unsigned int reason; } (4 bytes).
namespace Xen.Core.Public;

/// <summary>SCHEDOP_* commands.</summary>
public static class SchedOp
{
#pragma warning disable CS1591 // sched.h names
    public const int Yield = 0;
    public const int Block = 1;
    public const int Shutdown = 2;
    public const int Poll = 3;
    public const int RemoteShutdown = 4;
    public const int ShutdownCode = 5;
    public const int Watchdog = 6;
    public const int PinOverride = 7;

    /// <summary>sizeof(struct sched_shutdown).</summary>
    public const int ShutdownArgSize = 4;

    /// <summary>sizeof(struct sched_poll), 64-bit: ports handle @0, unsigned int nr_ports @8, uint64_t timeout @16.</summary>
    public const int PollArgSize = 24;
    /// <summary>sizeof(struct sched_poll), 32-bit: ports @0, nr_ports @4, timeout @8 (4-byte aligned uint64_t).</summary>
    public const int PollArgCompatSize = 16;
    /// <summary>Most ports one SCHEDOP_poll may list (Xen's do_poll limit).</summary>
    public const uint MaxPollPorts = 128;
    /// <summary>sizeof(struct sched_remote_shutdown): domid_t domain_id @0, unsigned int reason @4.</summary>
    public const int RemoteShutdownArgSize = 8;
    /// <summary>sizeof(struct sched_watchdog): uint32_t id @0, uint32_t timeout @4.</summary>
    public const int WatchdogArgSize = 8;
#pragma warning restore CS1591
}
