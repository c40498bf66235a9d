// Why: an in-process daemon on a unique socket for one test, torn down afterwards.
using Xen.Store.Daemon.Client;
using Xen.Store.Daemon.Hosting;

namespace Xen.Store.Tests.Support;

internal sealed class DaemonHost : IAsyncDisposable
{
    private readonly TempSocket _temp;
    private readonly bool _ownsTemp;

    public DaemonHost(bool persistent = false, StoreQuotas? quotas = null, TempSocket? reuse = null, TimeSpan? detachedTimeout = null, long compactAt = 8 << 20)
    {
        _temp = reuse ?? new TempSocket();
        _ownsTemp = reuse == null;
        Daemon = new XenStoreDaemon(new XenStoreDaemonOptions
        {
            SocketPath = _temp.SocketPath,
            StateDirectory = persistent ? _temp.StateDirectory : null,
            Quotas = quotas ?? new StoreQuotas(),
            DetachedSessionTimeout = detachedTimeout ?? TimeSpan.FromSeconds(30),
            CompactionThresholdBytes = compactAt,
        });
        Daemon.Start();
    }

    public XenStoreDaemon Daemon { get; }

    public TempSocket Temp => _temp;

    public string SocketPath => _temp.SocketPath;

    public Task<XenStoreClient> ClientAsync(string? session = null) =>
        XenStoreClient.ConnectAsync(SocketPath, new XenStoreClientOptions { SessionName = session });

    public async ValueTask DisposeAsync()
    {
        await Daemon.StopAsync();
        if (_ownsTemp)
        {
            _temp.Dispose();
        }
    }
}
