// Why: the connection-independent xenstored. Request bytes go in through Feed, replies and watch
// events come out of each connection's queue. Single-threaded and synchronous by design: hosts (the
// socket daemon, or the hypervisor serving rings) serialise calls, so the core needs no locks and can
// run bare-metal. Errors are values (XsError) that become ERROR replies; nothing a client sends throws.
using Xen.Store.Collections;
using Xen.Store.Domains;
using Xen.Store.Permissions;
using Xen.Store.Tree;
using Xen.Store.Watches;
using Xen.Store.Wire;

namespace Xen.Store.Processing;

/// <summary>A xenstore server: node table, domains, connections and the request state machine.</summary>
public sealed class XenStoreServer
{
    private readonly GrowList<XsConnection> _connections = new();
    private readonly ByteBuilder _reply = new(XsLimits.PayloadMax + 64);
    private readonly GrowList<string> _deferredPaths = new();
    private readonly GrowList<bool> _deferredRecursive = new();
    private readonly GrowList<byte[]> _deferredReplies = new();
    private Watch? _deferredInitial;
    private uint _nextConnectionId = 1;
    private uint _nextTransactionId = 1;

    /// <summary>Creates an empty store (just the root node, owned by dom0).</summary>
    public XenStoreServer(StoreQuotas? quotas = null) => Quotas = quotas ?? new StoreQuotas();

    /// <summary>The limits in force.</summary>
    public StoreQuotas Quotas { get; }

    /// <summary>Number of nodes in the committed tree.</summary>
    public int NodeCount => Nodes.Count;

    /// <summary>Number of live connections.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Called after INTRODUCE with (domid, mfn, event channel): a ring host maps the page here.</summary>
    public DomainIntroducedHandler? DomainIntroduced { get; set; }

    /// <summary>Called after RELEASE with the domid: a ring host unmaps the page here.</summary>
    public DomainReleasedHandler? DomainReleased { get; set; }

    internal NodeTable Nodes { get; private set; } = new();

    internal UIntMap<DomainRecord> Domains { get; private set; } = new();

    internal GrowList<XsConnection> Connections => _connections;

    internal uint NextConnectionId
    {
        get => _nextConnectionId;
        set => _nextConnectionId = value;
    }

    internal uint NextTransactionId
    {
        get => _nextTransactionId;
        set => _nextTransactionId = value;
    }

    /// <summary>Opens a toolstack (socket) connection: dom0 and privileged unless restricted later.</summary>
    public XsConnection Connect() => Add(new XsConnection(this, _nextConnectionId++, 0, true));

    /// <summary>Re-creates a toolstack connection with a known id (journal replay after a restart).</summary>
    public XsConnection ConnectWithId(uint id)
    {
        if (id >= _nextConnectionId)
        {
            _nextConnectionId = id + 1;
        }

        return Add(new XsConnection(this, id, 0, true));
    }

    /// <summary>Opens the ring connection of an introduced domain: unprivileged, relative paths under its home.</summary>
    public XsConnection ConnectDomain(uint domainId) => Add(new XsConnection(this, _nextConnectionId++, domainId, false) { IsDomainRing = true });

    /// <summary>Closes a connection: its watches and open transactions are discarded.</summary>
    public void Disconnect(XsConnection connection)
    {
        connection.MarkClosed();
        for (int i = 0; i < _connections.Count; i++)
        {
            if (ReferenceEquals(_connections[i], connection))
            {
                _connections.RemoveAt(i);
                return;
            }
        }
    }

    /// <summary>
    /// Marks every connection as having lost its transport (daemon restart): queued output and
    /// half-received requests are dropped, state stays until a client resumes it (CONTROL session).
    /// </summary>
    public void DetachAll()
    {
        for (int i = 0; i < _connections.Count; i++)
        {
            XsConnection c = _connections[i];
            c.DiscardOutput();
            c.InputLength = 0;
            c.Detached = true;
        }
    }

    /// <summary>Finds a connection by id, or null.</summary>
    public XsConnection? FindConnection(uint id)
    {
        for (int i = 0; i < _connections.Count; i++)
        {
            if (_connections[i].Id == id)
            {
                return _connections[i];
            }
        }

        return null;
    }

    /// <summary>Whether INTRODUCE was done for <paramref name="domainId"/> and not yet released.</summary>
    public bool IsIntroduced(uint domainId) => domainId == 0 || Domains.ContainsKey(domainId);

    /// <summary>
    /// Consumes request bytes from <paramref name="data"/> and processes every complete message.
    /// Returns how many bytes were consumed: fewer than given when the connection has too many
    /// undelivered replies (feed the rest after taking output) or was dropped for a protocol violation.
    /// </summary>
    public int Feed(XsConnection connection, ReadOnlySpan<byte> data)
    {
        int consumed = 0;
        byte[] input = connection.Input;
        while (consumed < data.Length && !connection.IsClosed)
        {
            if (connection.PendingReplies >= Quotas.OutstandingRequests)
            {
                break;
            }

            int have = connection.InputLength;
            int want;
            if (have < XsLimits.HeaderSize)
            {
                want = XsLimits.HeaderSize - have;
            }
            else
            {
                want = XsLimits.HeaderSize + (int)XsHeader.Read(input).Length - have;
            }

            int n = Math.Min(want, data.Length - consumed);
            data.Slice(consumed, n).CopyTo(input.AsSpan(have));
            consumed += n;
            have += n;
            connection.InputLength = have;
            if (have < XsLimits.HeaderSize)
            {
                break;
            }

            XsHeader header = XsHeader.Read(input);
            if (header.Length > XsLimits.PayloadMax)
            {
                // docs/misc/xenstore.txt: exceeding XENSTORE_PAYLOAD_MAX gets the connection killed.
                connection.Fail("payload longer than XENSTORE_PAYLOAD_MAX");
                break;
            }

            if (have == XsLimits.HeaderSize + (int)header.Length)
            {
                connection.InputLength = 0;
                Process(connection, header, input.AsSpan(XsLimits.HeaderSize, (int)header.Length));
            }
        }

        return consumed;
    }

    /// <summary>Reports a domain as shut down: fires @releaseDomain once until RESUME.</summary>
    public void ReportDomainShutdown(uint domainId)
    {
        if (Domains.TryGetValue(domainId, out DomainRecord d) && !d.ShutdownReported)
        {
            d.ShutdownReported = true;
            WatchEvents.Fire(_connections, Nodes, "@releaseDomain", false);
        }
    }

    internal Caller CallerOf(XsConnection connection)
    {
        if (!connection.Privileged && Domains.TryGetValue(connection.DomainId, out DomainRecord d) && d.HasTarget)
        {
            return new Caller(connection.DomainId, false, d.TargetId, true);
        }

        return new Caller(connection.DomainId, connection.Privileged, 0, false);
    }

    internal uint AllocateTransactionId()
    {
        uint id = _nextTransactionId++;
        if (id == 0)
        {
            id = _nextTransactionId++;
        }

        return id;
    }

    internal void DeferWatchEvent(string path, bool recursive)
    {
        _deferredPaths.Add(path);
        _deferredRecursive.Add(recursive);
    }

    internal void DeferInitialEvent(Watch watch) => _deferredInitial = watch;

    internal void DeferRedelivery(byte[] reply) => _deferredReplies.Add(reply);

    internal XsConnection Add(XsConnection connection)
    {
        _connections.Add(connection);
        return connection;
    }

    /// <summary>Replaces all state (used by snapshot restore).</summary>
    internal void Reset(NodeTable nodes, UIntMap<DomainRecord> domains)
    {
        Nodes = nodes;
        Domains = domains;
        _connections.Clear();
    }

    private void Process(XsConnection connection, XsHeader header, ReadOnlySpan<byte> payload)
    {
        _reply.Clear();
        XsError error = RequestDispatcher.Dispatch(this, connection, header, payload, _reply);
        byte[] message;
        if (error == XsError.None)
        {
            message = Message(header.Type, header.RequestId, header.TransactionId, _reply.Span);
        }
        else
        {
            message = Message((uint)XsMessageType.Error, header.RequestId, header.TransactionId, XsErrorNames.Payload(error));
        }

        if (!connection.IsClosed)
        {
            connection.EnqueueReply(message);
            for (int i = 0; i < _deferredReplies.Count; i++)
            {
                connection.Redeliver(_deferredReplies[i]);
            }
        }

        _deferredReplies.Clear();

        for (int i = 0; i < _deferredPaths.Count; i++)
        {
            WatchEvents.Fire(_connections, Nodes, _deferredPaths[i], _deferredRecursive[i]);
        }

        _deferredPaths.Clear();
        _deferredRecursive.Clear();
        if (_deferredInitial != null)
        {
            Watch w = _deferredInitial;
            _deferredInitial = null;
            w.Owner.EnqueueWatchEvent(WatchEvents.Build(w, w.Path));
        }
    }

    private static byte[] Message(uint type, uint requestId, uint transactionId, ReadOnlySpan<byte> payload)
    {
        byte[] message = new byte[XsLimits.HeaderSize + payload.Length];
        new XsHeader(type, requestId, transactionId, (uint)payload.Length).Write(message);
        payload.CopyTo(new Span<byte>(message, XsLimits.HeaderSize, payload.Length));
        return message;
    }
}
