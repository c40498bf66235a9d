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
#pragma warning restore CS1591
}
