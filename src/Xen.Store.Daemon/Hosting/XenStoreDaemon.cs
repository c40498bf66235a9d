// Why: the hosted xenstored. One lock serialises every call into the single-threaded core; sockets
// are served by SocketSession. With a state directory, every consumed request is journaled before its
// reply can leave, so the daemon can be killed at any moment and restarted without loss.
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xen.Store.Daemon.Persistence;
using Xen.Store.Processing;

namespace Xen.Store.Daemon.Hosting;

/// <summary>A xenstore daemon listening on a Unix domain socket.</summary>
public sealed class XenStoreDaemon : IAsyncDisposable
{
    private readonly XenStoreDaemonOptions _options;
    private readonly object _sessionsLock = new();
    private readonly System.Collections.Generic.List<SocketSession> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private StateStore? _state;
    private Socket? _listener;
    private Task? _acceptLoop;

    /// <summary>Creates a daemon; call <see cref="Start"/> to listen.</summary>
    public XenStoreDaemon(XenStoreDaemonOptions options)
    {
        _options = options;
        if (options.StateDirectory != null && options.Quotas.ReplyCacheSize == 0)
        {
            options.Quotas.ReplyCacheSize = 64; // lets resumed clients collect replies lost in a restart
        }

        Server = new XenStoreServer(options.Quotas);
    }

    /// <summary>The socket path.</summary>
    public string SocketPath => _options.SocketPath;

    /// <summary>Sessions restored from disk and waiting for their clients.</summary>
    public int RestoredSessions { get; private set; }

    /// <summary>Number of open socket sessions.</summary>
    public int SessionCount
    {
        get
        {
            lock (_sessionsLock)
            {
                return _sessions.Count;
            }
        }
    }

    internal XenStoreServer Server { get; }

    internal object Gate { get; } = new();

    internal bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Restores state (if persistent), binds the socket and starts accepting clients.</summary>
    public void Start()
    {
        if (_options.StateDirectory != null)
        {
            _state = new StateStore(_options.StateDirectory);
            lock (Gate)
            {
                RestoredSessions = _state.Restore(Server);
            }

            if (RestoredSessions > 0)
            {
                _ = ExpireDetachedAsync();
            }
        }

        string? dir = Path.GetDirectoryName(_options.SocketPath);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        File.Delete(_options.SocketPath);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(_options.SocketPath));
        _listener.Listen(512);
        _acceptLoop = AcceptLoopAsync(_listener);
    }

    /// <summary>Stops gracefully: sessions stay restorable, a snapshot is written when possible.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        _listener?.Dispose();
        await CloseSessionsAsync().ConfigureAwait(false);
        lock (Gate)
        {
            _state?.TryCompact(Server, 0);
            _state?.Dispose();
        }

        File.Delete(_options.SocketPath);
    }

    /// <summary>Stops as if killed: nothing more reaches the disk, sockets are dropped.</summary>
    public async Task CrashAsync()
    {
        lock (Gate)
        {
            _stopping.Cancel();
            _state?.Dispose();
            _state = null;
        }

        _listener?.Dispose();
        await CloseSessionsAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    internal void Journal(byte kind, uint connectionId, ReadOnlySpan<byte> data) => _state?.Record(kind, connectionId, data);

    /// <summary>Runs under <see cref="Gate"/> after each batch of input.</summary>
    internal void AfterBatch() => _state?.TryCompact(Server, _options.CompactionThresholdBytes);

    internal void Remove(SocketSession session)
    {
        lock (_sessionsLock)
        {
            _sessions.Remove(session);
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            SocketSession session = new(this, client);
            lock (_sessionsLock)
            {
                _sessions.Add(session);
            }

            session.Start();
        }
    }

    private async Task CloseSessionsAsync()
    {
        SocketSession[] all;
        lock (_sessionsLock)
        {
            all = _sessions.ToArray();
        }

        foreach (SocketSession s in all)
        {
            s.Abort();
        }

        foreach (SocketSession s in all)
        {
            await s.Completion.ConfigureAwait(false);
        }

        if (_acceptLoop != null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }
    }

    private async Task ExpireDetachedAsync()
    {
        try
        {
            await Task.Delay(_options.DetachedSessionTimeout, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (Gate)
        {
            if (IsStopping)
            {
                return;
            }

            for (int i = Server.ConnectionCount - 1; i >= 0; i--)
            {
                XsConnection c = Server.Connections[i];
                if (c.Detached)
                {
                    Journal(RequestJournal.Close, c.Id, default);
                    Server.Disconnect(c);
                }
            }
        }
    }
}
