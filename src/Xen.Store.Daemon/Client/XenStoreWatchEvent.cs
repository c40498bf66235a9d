// Why: a WATCH_EVENT as the client sees it: the path that changed and the watch's token.
namespace Xen.Store.Daemon.Client;

/// <summary>One watch notification.</summary>
/// <param name="Path">The changed path (relative if the watch was relative).</param>
/// <param name="Token">The token given when the watch was set.</param>
public sealed record XenStoreWatchEvent(string Path, string Token);
