// Why: the client's wire layer. Requests get fresh req_ids and wait for the reply with that id
// (docs/misc/xenstore.txt: replies may come in any order); WATCH_EVENTs are routed by token. If the
// socket breaks, the channel reconnects, resumes its session (or re-registers watches) and resends
// every unanswered request, so callers only see a pause while the daemon restarts.
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Xen.Store.Wire;

namespace Xen.Store.Daemon.Client;

/// <summary>Framing, request matching, watch routing and reconnection over a Unix socket.</summary>
internal sealed class ClientChannel : IAsyncDisposable
{
    private readonly string _socketPath;
    private readonly XenStoreClientOptions _options;
    private readonly ConcurrentDictionary<uint, PendingRequest> _pending = new();
    private readonly ConcurrentDictionary<string, WatchRegistration> _watches = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private Socket? _socket;
    private PipeWriter? _writer;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private uint _nextRequestId;
    private int _epoch;
    private int _reconnecting;
    private Exception? _failure;
    private Task _readLoop = Task.CompletedTask;

    private ClientChannel(string socketPath, XenStoreClientOptions options)
    {
        _socketPath = socketPath;
        _options = options;
    }

    public static async Task<ClientChannel> OpenAsync(string socketPath, XenStoreClientOptions options, CancellationToken ct)
    {
        ClientChannel channel = new(socketPath, options);
        await channel.ConnectAsync(resume: false, ct).ConfigureAwait(false);
        return channel;
    }

    /// <summary>Sends a request and returns the reply payload (throws on ERROR replies).</summary>
    public Task<byte[]> RequestAsync(XsMessageType type, uint transactionId, byte[] payload, CancellationToken ct) =>
        RequestCoreAsync(type, transactionId, payload, early: false, ct);

    private async Task<byte[]> RequestCoreAsync(XsMessageType type, uint transactionId, byte[] payload, bool early, CancellationToken ct)
    {
        uint id = Interlocked.Increment(ref _nextRequestId);
        PendingRequest request = new(type, transactionId, payload);
        _pending[id] = request;
        try
        {
            await SendAsync(id, request, early, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Not sent on this socket; the reconnect logic resends it — unless the channel has given up.
            if (_failure != null)
            {
                request.Completion.TrySetException(_failure);
            }
        }

        using (ct.Register(() => request.Completion.TrySetCanceled(ct)))
        {
            try
            {
                (XsMessageType replyType, byte[] reply) = await request.Completion.Task.ConfigureAwait(false);
                if (replyType == XsMessageType.Error)
                {
                    throw new XenStoreException(XsErrorNames.Parse(reply), type.ToString());
                }

                return reply;
            }
            finally
            {
                _pending.TryRemove(id, out _);
            }
        }
    }

    public WatchRegistration AddWatch(string path, string token)
    {
        WatchRegistration w = new(path, token);
        _watches[token] = w;
        return w;
    }

    public void RemoveWatch(string token)
    {
        if (_watches.TryRemove(token, out WatchRegistration? w))
        {
            w.Events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        _socket?.Dispose();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
        }

        Fail(new ObjectDisposedException(nameof(XenStoreClient)));
    }

    private async Task SendAsync(uint id, PendingRequest request, bool early, CancellationToken ct)
    {
        if (!early)
        {
            await _connected.Task.WaitAsync(ct).ConfigureAwait(false);
        }

        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (request.SentEpoch == _epoch)
            {
                return; // already on this socket (sent normally and by the resend loop)
            }

            PipeWriter writer = _writer ?? throw new IOException("not connected");
            Span<byte> span = writer.GetSpan(XsLimits.HeaderSize + request.Payload.Length);
            new XsHeader((uint)request.Type, id, request.TransactionId, (uint)request.Payload.Length).Write(span);
            request.Payload.CopyTo(span.Slice(XsLimits.HeaderSize));
            writer.Advance(XsLimits.HeaderSize + request.Payload.Length);
            FlushResult flushed = await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (!flushed.IsCompleted)
            {
                request.SentEpoch = _epoch;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ConnectAsync(bool resume, CancellationToken ct)
    {
        Socket socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), ct).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        NetworkStream stream = new(socket, ownsSocket: true);
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        _socket = socket;
        _writer = PipeWriter.Create(stream);
        _epoch++;
        _writeLock.Release();
        _readLoop = ReadLoopAsync(PipeReader.Create(stream), _epoch);

        // Session resumption and watch re-registration go first, before any queued request.
        bool resumed = false;
        if (_options.SessionName != null)
        {
            // Name the requests sent on an earlier socket that got no reply: the daemon answers those it
            // already executed from memory, and only the rest are sent again.
            System.Text.StringBuilder ids = new();
            foreach (var entry in _pending)
            {
                if (entry.Value.SentEpoch != 0 && entry.Value.SentEpoch != _epoch && ids.Length < 3000)
                {
                    ids.Append(ids.Length == 0 ? "" : ",").Append(entry.Key.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            byte[] reply = await RequestCoreAsync(XsMessageType.Control, 0, Payload.Strings("session", _options.SessionName, ids.ToString()), true, ct).ConfigureAwait(false);
            string[] fields = Payload.Split(reply);
            resumed = fields.Length > 0 && fields[0] == "RESUMED";
            for (int i = 1; i < fields.Length; i++)
            {
                if (uint.TryParse(fields[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint id)
                    && _pending.TryGetValue(id, out PendingRequest? answered))
                {
                    answered.SentEpoch = _epoch; // its remembered reply is on the way
                }
            }
        }

        if (resume && !resumed)
        {
            foreach (WatchRegistration w in _watches.Values)
            {
                await RequestCoreAsync(XsMessageType.Watch, 0, Payload.Strings(w.Path, w.Token), true, ct).ConfigureAwait(false);
            }
        }

        foreach (var entry in _pending)
        {
            if (entry.Value.SentEpoch != _epoch)
            {
                await SendAsync(entry.Key, entry.Value, true, ct).ConfigureAwait(false);
            }
        }

        _connected.TrySetResult();
    }

    private async Task ReadLoopAsync(PipeReader reader, int epoch)
    {
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync(_disposed.Token).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (TryParse(ref buffer, out XsHeader header, out byte[] payload))
                {
                    Dispatch(header, payload);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception)
        {
        }

        await reader.CompleteAsync().ConfigureAwait(false);
        if (!_disposed.IsCancellationRequested && epoch == _epoch)
        {
            TriggerReconnect();
        }
    }

    /// <summary>Starts the reconnect loop unless it is already running (only one may run at a time).</summary>
    private void TriggerReconnect()
    {
        if (Interlocked.CompareExchange(ref _reconnecting, 1, 0) == 0)
        {
            _ = Task.Run(ReconnectAsync);
        }
    }

    private async Task ReconnectAsync()
    {
        bool connected = false;
        try
        {
            _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _socket?.Dispose();
            if (!_options.Reconnect)
            {
                Fail(new IOException("xenstored closed the connection"));
                return;
            }

            DateTime deadline = DateTime.UtcNow + _options.ReconnectTimeout;
            while (!_disposed.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                try
                {
                    // Short per attempt: right after a daemon dies, connect() can still succeed against its
                    // dying listener, and that connection is never accepted; retry instead of waiting on it.
                    // (Giving up on a live but very slow daemon after it resumed the session loses the
                    // session; the next attempt then re-registers watches and resends unanswered requests.)
                    using CancellationTokenSource attempt = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
                    attempt.CancelAfter(TimeSpan.FromSeconds(3));
                    await ConnectAsync(resume: true, attempt.Token).ConfigureAwait(false);
                    connected = true;
                    return;
                }
                catch (Exception) when (!_disposed.IsCancellationRequested)
                {
                    _socket?.Dispose(); // its read loop ends without starting another reconnect
                    await Task.Delay(100).ConfigureAwait(false);
                }
            }

            Fail(new IOException("could not reconnect to xenstored at " + _socketPath));
        }
        finally
        {
            Volatile.Write(ref _reconnecting, 0);
            if (connected && _readLoop.IsCompleted && !_disposed.IsCancellationRequested)
            {
                TriggerReconnect(); // the new socket died before the flag was cleared
            }
        }
    }

    private void Dispatch(XsHeader header, byte[] payload)
    {
        if (header.MessageType == XsMessageType.WatchEvent)
        {
            int nul = Array.IndexOf(payload, (byte)0);
            if (nul < 0)
            {
                return;
            }

            string path = System.Text.Encoding.ASCII.GetString(payload, 0, nul);
            int end = Array.IndexOf(payload, (byte)0, nul + 1);
            string token = System.Text.Encoding.ASCII.GetString(payload, nul + 1, (end < 0 ? payload.Length : end) - nul - 1);
            if (_watches.TryGetValue(token, out WatchRegistration? w))
            {
                w.Events.Writer.TryWrite(new XenStoreWatchEvent(path, token));
            }

            return;
        }

        if (_pending.TryGetValue(header.RequestId, out PendingRequest? request))
        {
            request.Completion.TrySetResult((header.MessageType, payload));
        }
    }

    private void Fail(Exception e)
    {
        _failure = e;
        _connected.TrySetException(e);
        foreach (PendingRequest p in _pending.Values)
        {
            p.Completion.TrySetException(e);
        }

        foreach (WatchRegistration w in _watches.Values)
        {
            w.Events.Writer.TryComplete(e);
        }
    }

    private static bool TryParse(ref ReadOnlySequence<byte> buffer, out XsHeader header, out byte[] payload)
    {
        header = default;
        payload = Array.Empty<byte>();
        if (buffer.Length < XsLimits.HeaderSize)
        {
            return false;
        }

        Span<byte> raw = stackalloc byte[XsLimits.HeaderSize];
        buffer.Slice(0, XsLimits.HeaderSize).CopyTo(raw);
        header = XsHeader.Read(raw);
        if (header.Length > XsLimits.PayloadMax)
        {
            throw new InvalidDataException("xenstored sent an oversized message");
        }

        long total = XsLimits.HeaderSize + header.Length;
        if (buffer.Length < total)
        {
            return false;
        }

        payload = buffer.Slice(XsLimits.HeaderSize, header.Length).ToArray();
        buffer = buffer.Slice(total);
        return true;
    }

    internal sealed class PendingRequest
    {
        public PendingRequest(XsMessageType type, uint transactionId, byte[] payload)
        {
            Type = type;
            TransactionId = transactionId;
            Payload = payload;
        }

        public XsMessageType Type { get; }

        public uint TransactionId { get; }

        public byte[] Payload { get; }

        /// <summary>The socket generation this request was written to (0 = not yet).</summary>
        public int SentEpoch { get; set; }

        public TaskCompletionSource<(XsMessageType, byte[])> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal sealed class WatchRegistration
    {
        public WatchRegistration(string path, string token)
        {
            Path = path;
            Token = token;
        }

        public string Path { get; }

        public string Token { get; }

        public Channel<XenStoreWatchEvent> Events { get; } = Channel.CreateUnbounded<XenStoreWatchEvent>();
    }
}
