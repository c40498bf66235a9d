// Why: serves one domain's xenstore ring (docs/misc/xenstore-ring.txt) on a shared page given as a
// pointer, so the hypervisor can plug its grant-mapped page and event channel in. Ordering rules: read
// the producer index, then a barrier, then the data; write the data, then a barrier, then the producer
// index; signal the event channel after any update. Indexes are free-running uint32 (wraparound safe).
using System.Threading;
using Xen.Store.Processing;

namespace Xen.Store.Transport;

/// <summary>Signals the domain's event channel for its xenstore ring.</summary>
public delegate void RingNotifyHandler();

/// <summary>Moves bytes between a xenstore_domain_interface page and a <see cref="XsConnection"/>.</summary>
public sealed unsafe class RingTransport
{
    private readonly XenStoreServer _server;
    private readonly byte* _page;
    private readonly RingNotifyHandler? _notify;

    /// <summary>Starts serving <paramref name="page"/> for <paramref name="connection"/>.</summary>
    /// <param name="server">The store.</param>
    /// <param name="connection">The domain's connection (from <see cref="XenStoreServer.ConnectDomain"/>).</param>
    /// <param name="page">At least <see cref="RingLayout.MinimumSize"/> bytes of shared memory.</param>
    /// <param name="notify">Signals the domain's event channel; null when the host signals it itself after
    /// <see cref="Poll"/> returns true (bare-metal hosts cannot create delegates).</param>
    public RingTransport(XenStoreServer server, XsConnection connection, byte* page, RingNotifyHandler? notify)
    {
        _server = server;
        Connection = connection;
        _page = page;
        _notify = notify;

        // The server must advertise reconnection before producing or consuming any data.
        Volatile.Write(ref U32(RingLayout.ServerFeatures), RingLayout.FeatureReconnection | RingLayout.FeatureConnectionError);
        Interlocked.MemoryBarrier();
    }

    /// <summary>The connection currently served (replaced when the guest asks for a reconnect).</summary>
    public XsConnection Connection { get; private set; }

    /// <summary>True once the server stopped the ring because of an error (see the error indicator).</summary>
    public bool Failed => Volatile.Read(ref U32(RingLayout.Error)) != 0;

    /// <summary>Processes pending requests and writes pending output; call on every event. Returns true when
    /// the ring changed and the domain must be signalled (already done if a notify handler was given).</summary>
    public bool Poll()
    {
        if (Failed)
        {
            return false;
        }

        bool changed = false;
        if (Volatile.Read(ref U32(RingLayout.Connection)) == 1)
        {
            Reconnect();
            changed = true;
        }

        bool progress = true;
        while (progress && !Failed)
        {
            progress = false;
            int read = ReadRequests();
            int written = WriteResponses();
            if (read < 0 || written < 0)
            {
                Stop(RingLayout.ErrorBadIndex);
                changed = true;
                break;
            }

            if (Connection.IsClosed)
            {
                Stop(RingLayout.ErrorProtocol);
                changed = true;
                break;
            }

            progress = read > 0 || written > 0;
            changed |= progress;
        }

        if (changed)
        {
            _notify?.Invoke();
        }

        return changed;
    }

    private int ReadRequests()
    {
        uint cons = Volatile.Read(ref U32(RingLayout.RequestConsumer));
        uint prod = Volatile.Read(ref U32(RingLayout.RequestProducer));
        Interlocked.MemoryBarrier(); // read the index before the data it covers
        uint available = prod - cons;
        if (available > RingLayout.RingSize)
        {
            return -1;
        }

        int total = 0;
        while (available > 0)
        {
            int offset = (int)(cons & (RingLayout.RingSize - 1));
            int chunk = (int)Math.Min(available, (uint)(RingLayout.RingSize - offset));
            int used = _server.Feed(Connection, new ReadOnlySpan<byte>(_page + RingLayout.Request + offset, chunk));
            cons += (uint)used;
            available -= (uint)used;
            total += used;
            if (used < chunk)
            {
                break;
            }
        }

        if (total > 0)
        {
            Interlocked.MemoryBarrier(); // finish reading before handing the space back
            Volatile.Write(ref U32(RingLayout.RequestConsumer), cons);
        }

        return total;
    }

    private int WriteResponses()
    {
        uint cons = Volatile.Read(ref U32(RingLayout.ResponseConsumer));
        uint prod = Volatile.Read(ref U32(RingLayout.ResponseProducer));
        uint used = prod - cons;
        if (used > RingLayout.RingSize)
        {
            return -1;
        }

        int total = 0;
        uint space = RingLayout.RingSize - used;
        while (space > 0 && Connection.PendingOutputBytes > 0)
        {
            int offset = (int)(prod & (RingLayout.RingSize - 1));
            int chunk = (int)Math.Min(space, (uint)(RingLayout.RingSize - offset));
            int n = Connection.TakeOutput(new Span<byte>(_page + RingLayout.Response + offset, chunk));
            prod += (uint)n;
            space -= (uint)n;
            total += n;
            if (n < chunk)
            {
                break;
            }
        }

        if (total > 0)
        {
            Interlocked.MemoryBarrier(); // data visible before the producer index moves
            Volatile.Write(ref U32(RingLayout.ResponseProducer), prod);
        }

        return total;
    }

    private void Reconnect()
    {
        // docs/misc/xenstore-ring.txt: drop partial packets, empty both queues, discard requests,
        // watches and transactions, then set the state back to connected and signal.
        uint domid = Connection.DomainId;
        _server.Disconnect(Connection);
        Connection = _server.ConnectDomain(domid);
        Volatile.Write(ref U32(RingLayout.RequestConsumer), Volatile.Read(ref U32(RingLayout.RequestProducer)));
        Volatile.Write(ref U32(RingLayout.ResponseConsumer), Volatile.Read(ref U32(RingLayout.ResponseProducer)));
        Interlocked.MemoryBarrier();
        Volatile.Write(ref U32(RingLayout.Connection), 0u);
    }

    private void Stop(uint error)
    {
        Volatile.Write(ref U32(RingLayout.Error), error);
        _server.Disconnect(Connection);
    }

    private ref uint U32(int offset) => ref *(uint*)(_page + offset);
}
