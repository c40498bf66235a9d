// Why: one Unix-socket client. The read loop feeds request bytes to the core under the daemon's lock
// and journals exactly what was consumed; the write loop drains the connection's queue through a
// PipeWriter. When the client has too many unread replies the core stops consuming, and the read loop
// waits for the writer instead of buffering more — a slow reader only ever slows itself down.
using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xen.Store.Daemon.Persistence;
using Xen.Store.Processing;

namespace Xen.Store.Daemon.Hosting;

/// <summary>Serves one socket client.</summary>
internal sealed class SocketSession
{
    private readonly XenStoreDaemon _daemon;
    private readonly Socket _socket;
    private readonly SemaphoreSlim _outputSignal = new(0);
    private readonly SemaphoreSlim _drained = new(0);
    private readonly CancellationTokenSource _cts = new();
    private XsConnection _connection = null!;
    private int _closed;

    public SocketSession(XenStoreDaemon daemon, Socket socket)
    {
        _daemon = daemon;
        _socket = socket;
    }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start()
    {
        lock (_daemon.Gate)
        {
            _connection = _daemon.Server.Connect();
            _connection.OutputReady = OnOutput;
            _daemon.Journal(RequestJournal.Open, _connection.Id, default);
        }

        NetworkStream stream = new(_socket, ownsSocket: false);
        Task reader = Task.Run(() => ReadLoopAsync(PipeReader.Create(stream)));
        Task writer = Task.Run(() => WriteLoopAsync(PipeWriter.Create(stream)));
        Completion = Task.WhenAll(reader, writer);
    }

    /// <summary>Drops the socket; the loops end and <see cref="Close"/> updates the store unless stopping.</summary>
    public void Abort()
    {
        _cts.Cancel();
        _socket.Dispose();
    }

    private async Task ReadLoopAsync(PipeReader reader)
    {
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync(_cts.Token).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                long consumed = 0;
                bool stalled = false;
                bool closed;
                lock (_daemon.Gate)
                {
                    if (_daemon.IsStopping)
                    {
                        return;
                    }

                    foreach (ReadOnlyMemory<byte> segment in buffer)
                    {
                        int used = _daemon.Server.Feed(_connection, segment.Span);
                        if (used > 0)
                        {
                            _daemon.Journal(RequestJournal.Data, _connection.Id, segment.Span.Slice(0, used));
                        }

                        consumed += used;
                        if (used < segment.Length)
                        {
                            stalled = true;
                            break;
                        }
                    }

                    closed = _connection.IsClosed;
                    _daemon.AfterBatch();
                }

                if (closed)
                {
                    return;
                }

                SequencePosition position = buffer.GetPosition(consumed);
                reader.AdvanceTo(position, stalled ? position : buffer.End);
                if (stalled)
                {
                    await _drained.WaitAsync(_cts.Token).ConfigureAwait(false);
                }
                else if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception) when (_cts.IsCancellationRequested || _daemon.IsStopping)
        {
        }
        catch (System.IO.IOException)
        {
        }
        catch (SocketException)
        {
        }
        finally
        {
            Close();
        }
    }

    private async Task WriteLoopAsync(PipeWriter writer)
    {
        try
        {
            while (true)
            {
                await _outputSignal.WaitAsync(_cts.Token).ConfigureAwait(false);
                while (true)
                {
                    Memory<byte> memory = writer.GetMemory(16 * 1024);
                    int n;
                    bool closed;
                    lock (_daemon.Gate)
                    {
                        n = _connection.TakeOutput(memory.Span);
                        closed = _connection.IsClosed;
                    }

                    if (closed)
                    {
                        return; // protocol violation or slow reader: drop the client
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    writer.Advance(n);
                    FlushResult flush = await writer.FlushAsync(_cts.Token).ConfigureAwait(false);
                    Signal(_drained);
                    if (flush.IsCompleted)
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception) when (_cts.IsCancellationRequested || _daemon.IsStopping)
        {
        }
        catch (System.IO.IOException)
        {
        }
        catch (SocketException)
        {
        }
        finally
        {
            Close();
        }
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _cts.Cancel();
        lock (_daemon.Gate)
        {
            if (!_daemon.IsStopping)
            {
                _daemon.Journal(RequestJournal.Close, _connection.Id, default);
                _daemon.Server.Disconnect(_connection);
            }
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
        _daemon.Remove(this);
    }

    /// <summary>Runs under the daemon lock whenever output is queued or the core drops the connection.</summary>
    private void OnOutput(XsConnection connection)
    {
        if (connection.IsClosed)
        {
            // Dropped by the core (e.g. a slow reader): the writer may be stuck in a flush to a client
            // that never reads, so pull the socket away instead of waiting for it. Not under the lock.
            _ = Task.Run(Abort);
            return;
        }

        Signal(_outputSignal);
    }

    private static void Signal(SemaphoreSlim semaphore)
    {
        if (semaphore.CurrentCount == 0)
        {
            semaphore.Release();
        }
    }
}
