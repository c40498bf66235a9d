// Why: every guest is a potential attacker, so per-domain and per-connection resources are bounded.
// Defaults follow C xenstored's documented quota defaults where they exist (nodes 1000, entry size
// 2048, watches 128, transactions 10, outstanding requests 20 — we allow 32 for pipelining clients).
namespace Xen.Store;

/// <summary>Resource limits enforced by the request processor.</summary>
public sealed class StoreQuotas
{
    /// <summary>Nodes an unprivileged domain may own.</summary>
    public int NodesPerDomain { get; set; } = 1000;

    /// <summary>Largest value an unprivileged domain may write, in bytes.</summary>
    public int MaxEntrySize { get; set; } = 2048;

    /// <summary>Watches per connection.</summary>
    public int WatchesPerConnection { get; set; } = 128;

    /// <summary>Open transactions per connection.</summary>
    public int TransactionsPerConnection { get; set; } = 10;

    /// <summary>Replies produced but not yet taken by the transport before input is no longer consumed.</summary>
    public int OutstandingRequests { get; set; } = 32;

    /// <summary>Undelivered watch events after which a (slow or stuck) connection is dropped.</summary>
    public int PendingWatchEvents { get; set; } = 4096;

    /// <summary>
    /// Replies remembered per connection (0 = none). A client resuming its session after a daemon
    /// restart names the requests it got no answer for and receives the remembered replies instead of
    /// re-executing them (which would open a second transaction or re-commit one).
    /// </summary>
    public int ReplyCacheSize { get; set; }

    /// <summary>Nodes a single transaction may touch (read or write) before it is refused with ENOSPC.</summary>
    public int NodesPerTransaction { get; set; } = 8192;
}
