// Why: the client's reconnect behaviour is what makes a daemon restart invisible to applications.
namespace Xen.Store.Daemon.Client;

/// <summary>Options of <see cref="XenStoreClient"/>.</summary>
public sealed class XenStoreClientOptions
{
    /// <summary>
    /// A session name (unique per client). With it, the daemon keeps this client's watches and open
    /// transactions across a daemon restart and hands them back when the client reconnects.
    /// </summary>
    public string? SessionName { get; set; }

    /// <summary>Whether to reconnect (and resend unanswered requests) when the socket breaks.</summary>
    public bool Reconnect { get; set; } = true;

    /// <summary>How long to keep trying to reconnect before failing pending requests.</summary>
    public TimeSpan ReconnectTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
