// Why: one client of the store — a socket client or a domain's ring. Holds the per-connection
// protocol state (partially received message, queued output, watches, transactions) so that the
// processor stays transport-independent: hosts feed bytes in and copy bytes out.
using Xen.Store.Collections;
using Xen.Store.Permissions;
using Xen.Store.Transactions;
using Xen.Store.Watches;
using Xen.Store.Wire;

namespace Xen.Store.Processing;

/// <summary>A client connection of a <see cref="XenStoreServer"/>.</summary>
public sealed class XsConnection
{
    private GrowList<byte[]> _output = new(16);
    private int _outputHead;
    private int _outputHeadOffset;
    private long _pendingBytes;
    private byte[][]? _replyCache;
    private int _replyCacheNext;

    internal XsConnection(XenStoreServer server, uint id, uint domainId, bool privileged)
    {
        Server = server;
        Id = id;
        DomainId = domainId;
        Privileged = privileged;
    }

    /// <summary>Server-unique id (stable across a persisted restart).</summary>
    public uint Id { get; }

    /// <summary>The domain this connection speaks for (0 for toolstack sockets).</summary>
    public uint DomainId { get; internal set; }

    /// <summary>True for the unrestricted toolstack: bypasses permissions and node quotas.</summary>
    public bool Privileged { get; internal set; }

    /// <summary>Name given with CONTROL "session"; lets a reconnecting client take this state back.</summary>
    public string? SessionName { get; internal set; }

    /// <summary>True while a restored connection waits for its client to come back (CONTROL session).</summary>
    public bool Detached { get; internal set; }

    /// <summary>Set once the connection is closed or failed; the host should drop the transport.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Why the server dropped the connection (protocol violation, slow reader), if it did.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>Bytes queued for the client and not yet taken by the transport.</summary>
    public long PendingOutputBytes => _pendingBytes;

    /// <summary>Number of replies queued for the client (the outstanding-request count).</summary>
    public int PendingReplies { get; private set; }

    /// <summary>Number of watch events queued for the client.</summary>
    public int PendingWatchEvents { get; private set; }

    /// <summary>Called when output is queued on a connection whose queue was empty.</summary>
    public OutputReadyHandler? OutputReady { get; set; }

    /// <summary>The number of registered watches.</summary>
    public int WatchCount => Watches.Count;

    /// <summary>The number of open transactions.</summary>
    public int TransactionCount => Transactions.Count;

    internal XenStoreServer Server { get; }

    internal GrowList<Watch> Watches { get; } = new();

    internal UIntMap<Transaction> Transactions { get; private set; } = new();

    /// <summary>Header plus payload of the message being received.</summary>
    internal byte[] Input { get; } = new byte[XsLimits.HeaderSize + XsLimits.PayloadMax];

    internal int InputLength { get; set; }

    internal Caller Caller => Server.CallerOf(this);

    /// <summary>True for a domain's ring connection (closed by RELEASE).</summary>
    internal bool IsDomainRing { get; set; }

    /// <summary>Copies queued output into <paramref name="destination"/>; returns the bytes copied.</summary>
    public int TakeOutput(Span<byte> destination)
    {
        int written = 0;
        while (written < destination.Length && _outputHead < _output.Count)
        {
            byte[] message = _output[_outputHead];
            int n = Math.Min(message.Length - _outputHeadOffset, destination.Length - written);
            message.AsSpan(_outputHeadOffset, n).CopyTo(destination.Slice(written));
            written += n;
            _outputHeadOffset += n;
            if (_outputHeadOffset == message.Length)
            {
                if (IsWatchEvent(message))
                {
                    PendingWatchEvents--;
                }
                else
                {
                    PendingReplies--;
                }

                _output[_outputHead] = null!;
                _outputHead++;
                _outputHeadOffset = 0;
            }
        }

        if (_outputHead == _output.Count)
        {
            _output.Clear();
            _outputHead = 0;
        }
        else if (_outputHead > 64 && _outputHead * 2 > _output.Count)
        {
            // A queue that never runs empty (a steady event stream) must not grow forever.
            GrowList<byte[]> rest = new(_output.Count - _outputHead + 16);
            for (int i = _outputHead; i < _output.Count; i++)
            {
                rest.Add(_output[i]);
            }

            _output = rest;
            _outputHead = 0;
        }

        _pendingBytes -= written;
        return written;
    }

    /// <summary>Discards all queued output (used when replaying a journal, whose replies were sent).</summary>
    public void DiscardOutput()
    {
        _output.Clear();
        _outputHead = 0;
        _outputHeadOffset = 0;
        _pendingBytes = 0;
        PendingReplies = 0;
        PendingWatchEvents = 0;
    }

    internal void EnqueueReply(byte[] message)
    {
        int size = Server.Quotas.ReplyCacheSize;
        if (size > 0)
        {
            _replyCache ??= new byte[size][];
            _replyCache[_replyCacheNext] = message;
            _replyCacheNext = (_replyCacheNext + 1) % _replyCache.Length;
        }

        Enqueue(message, false);
    }

    /// <summary>Finds a remembered reply to request <paramref name="requestId"/>.</summary>
    internal byte[]? CachedReply(uint requestId)
    {
        if (_replyCache == null)
        {
            return null;
        }

        for (int i = 0; i < _replyCache.Length; i++)
        {
            byte[] m = _replyCache[i];
            if (m != null && XsHeader.Read(m).RequestId == requestId)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>Queues a reply again (a resumed client lost the first copy with its socket).</summary>
    internal void Redeliver(byte[] message) => Enqueue(message, false);

    internal void EnqueueWatchEvent(byte[] message)
    {
        if (PendingWatchEvents >= Server.Quotas.PendingWatchEvents)
        {
            Fail("client does not read its watch events");
            return;
        }

        Enqueue(message, true);
    }

    internal void Fail(string reason)
    {
        if (!IsClosed)
        {
            FailureReason = reason;
            MarkClosed();
            OutputReady?.Invoke(this); // wakes the host so it drops the transport
        }
    }

    internal void MarkClosed()
    {
        IsClosed = true;
        Watches.Clear();
        Transactions = new UIntMap<Transaction>();
    }

    /// <summary>Moves the watches, transactions and queued output of <paramref name="old"/> here.</summary>
    internal void AdoptFrom(XsConnection old)
    {
        for (int i = 0; i < old.Watches.Count; i++)
        {
            Watch w = old.Watches[i];
            w.Owner = this;
            Watches.Add(w);
        }

        old.Watches.Clear();
        for (int slot = 0; slot < old.Transactions.Capacity; slot++)
        {
            if (old.Transactions.TryGetSlot(slot, out uint id, out Transaction tx))
            {
                Transactions.Set(id, tx);
            }
        }

        old.Transactions = new UIntMap<Transaction>();
        if (old._replyCache != null)
        {
            _replyCache = old._replyCache;
            _replyCacheNext = old._replyCacheNext;
            old._replyCache = null;
        }

        DomainId = old.DomainId;
        Privileged = old.Privileged;
        while (old._outputHead < old._output.Count)
        {
            byte[] message = old._output[old._outputHead++];
            if (old._outputHeadOffset == 0)
            {
                Enqueue(message, IsWatchEvent(message)); // partially sent messages are lost with the old socket
            }

            old._outputHeadOffset = 0;
        }

        old.DiscardOutput();
    }

    private void Enqueue(byte[] message, bool watchEvent)
    {
        bool wasEmpty = _pendingBytes == 0;
        _output.Add(message);
        _pendingBytes += message.Length;
        if (watchEvent)
        {
            PendingWatchEvents++;
        }
        else
        {
            PendingReplies++;
        }

        if (wasEmpty)
        {
            OutputReady?.Invoke(this);
        }
    }

    private static bool IsWatchEvent(byte[] message) =>
        message[0] == (byte)XsMessageType.WatchEvent && message[1] == 0 && message[2] == 0 && message[3] == 0;
}
