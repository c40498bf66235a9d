// Why: what a daemon host decides: where the socket lives (libxenstore looks at $XENSTORED_PATH, else
// $XENSTORED_RUNDIR/socket — verified against Debian's xenstore-utils 4.17), where state persists,
// and the quotas guests are held to.
namespace Xen.Store.Daemon.Hosting;

/// <summary>Configuration of a <see cref="XenStoreDaemon"/>.</summary>
public sealed class XenStoreDaemonOptions
{
    /// <summary>Path of the Unix domain socket to listen on.</summary>
    public string SocketPath { get; set; } = "/run/xenstored/socket";

    /// <summary>Directory for the snapshot and request journal; null disables persistence.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Resource limits.</summary>
    public StoreQuotas Quotas { get; set; } = new();

    /// <summary>How long a restored session waits for its client to reconnect before it is dropped.</summary>
    public TimeSpan DetachedSessionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Journal size after which the daemon compacts it into a snapshot (when no transaction is open).</summary>
    public long CompactionThresholdBytes { get; set; } = 8 * 1024 * 1024;
}
