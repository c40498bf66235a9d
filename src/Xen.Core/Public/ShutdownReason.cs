// Why a domain shut down (xen/include/public/sched.h, SHUTDOWN_*): the reason a guest passes to
// SCHEDOP_shutdown, and what the toolstack acts on (poweroff → destroy, reboot → rebuild, crash → policy).
namespace Xen.Core.Public;

/// <summary>SHUTDOWN_* reasons.</summary>
public enum ShutdownReason : uint
{
    /// <summary>SHUTDOWN_poweroff: domain exited normally; clean up and kill.</summary>
    PowerOff = 0,
    /// <summary>SHUTDOWN_reboot: clean up, kill, and then restart.</summary>
    Reboot = 1,
    /// <summary>SHUTDOWN_suspend: clean up, save suspend info, kill.</summary>
    Suspend = 2,
    /// <summary>SHUTDOWN_crash: tell controller we've crashed.</summary>
    Crash = 3,
    /// <summary>SHUTDOWN_watchdog: restart because the watchdog timed out.</summary>
    Watchdog = 4,
    /// <summary>SHUTDOWN_soft_reset: domain asked to perform a soft reset.</summary>
    SoftReset = 5,
}
