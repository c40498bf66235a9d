// Why: the shared-ring transport as a guest would drive it (docs/misc/xenstore-ring.txt): requests
// across the wrap point, replies and events on the response ring, notifications, reconnection, and
// the error indicator for bad indexes and oversized packets.
using System.Runtime.InteropServices;
using Xen.Store.Processing;
using Xen.Store.Tests.Support;
using Xen.Store.Transport;
using Xen.Store.Wire;
using static Xen.Store.Tests.Support.CoreHarness;

namespace Xen.Store.Tests.Core;

public sealed unsafe class RingTransportTests : IDisposable
{
    private readonly byte* _page = (byte*)NativeMemory.AllocZeroed(4096);
    private readonly XenStoreServer _server = new();
    private int _notifications;

    public void Dispose() => NativeMemory.Free(_page);

    private ref uint U32(int offset) => ref *(uint*)(_page + offset);

    private RingTransport Open(uint domid = 3)
    {
        // Guests must not assume indexes start at zero: start near the 2^32 wrap.
        U32(RingLayout.RequestConsumer) = U32(RingLayout.RequestProducer) = 0xffff_ff00;
        U32(RingLayout.ResponseConsumer) = U32(RingLayout.ResponseProducer) = 0xffff_fff0;
        return new RingTransport(_server, _server.ConnectDomain(domid), _page, () => _notifications++);
    }

    private void GuestWrite(byte[] bytes)
    {
        uint prod = U32(RingLayout.RequestProducer);
        foreach (byte b in bytes)
        {
            Assert.True(prod - U32(RingLayout.RequestConsumer) < RingLayout.RingSize, "guest ring full");
            _page[RingLayout.Request + (prod & 1023)] = b;
            prod++;
        }

        U32(RingLayout.RequestProducer) = prod;
    }

    private List<Reply> GuestReadAll()
    {
        var bytes = new List<byte>();
        uint cons = U32(RingLayout.ResponseConsumer);
        while (cons != U32(RingLayout.ResponseProducer))
        {
            bytes.Add(_page[RingLayout.Response + (cons & 1023)]);
            cons++;
        }

        U32(RingLayout.ResponseConsumer) = cons;
        return Parse(bytes.ToArray());
    }

    [Fact]
    public void Server_advertises_features_before_any_traffic()
    {
        Open();
        Assert.Equal(RingLayout.FeatureReconnection | RingLayout.FeatureConnectionError, U32(RingLayout.ServerFeatures));
    }

    [Fact]
    public void Requests_and_replies_cross_the_index_wrap()
    {
        RingTransport ring = Open();
        var dom0 = _server.Connect();
        _server.Feed(dom0, Message(XsMessageType.Mkdir, 1, 0, Fields("/local/domain/3")));
        _server.Feed(dom0, Message(XsMessageType.SetPerms, 2, 0, Fields("/local/domain/3", "n3")));
        for (int i = 0; i < 50; i++)
        {
            GuestWrite(Message(XsMessageType.Write, (uint)i, 0, PathValue("k" + i, "value-" + i)));
            ring.Poll();
            Assert.Equal("OK\0", GuestReadAll().Single().Text);
        }

        GuestWrite(Message(XsMessageType.Read, 77, 0, Fields("k49")));
        ring.Poll();
        Reply r = GuestReadAll().Single();
        Assert.Equal(77u, r.RequestId);
        Assert.Equal("value-49", r.Text);
        Assert.True(_notifications >= 51);
        Assert.True(U32(RingLayout.RequestProducer) < 0xffff_ff00, "indexes wrapped");
    }

    [Fact]
    public void Large_reply_is_delivered_through_a_full_ring_in_pieces()
    {
        RingTransport ring = Open();
        var dom0 = _server.Connect();
        _server.Feed(dom0, Message(XsMessageType.Write, 1, 0, PathValue("/big", new string('z', 3000))));
        _server.Feed(dom0, Message(XsMessageType.SetPerms, 2, 0, Fields("/big", "r0")));
        GuestWrite(Message(XsMessageType.Read, 5, 0, Fields("/big")));
        var bytes = new List<byte>();
        for (int i = 0; i < 10 && bytes.Count < 3016; i++)
        {
            ring.Poll();
            uint cons = U32(RingLayout.ResponseConsumer);
            while (cons != U32(RingLayout.ResponseProducer))
            {
                bytes.Add(_page[RingLayout.Response + (cons & 1023)]);
                cons++;
            }

            U32(RingLayout.ResponseConsumer) = cons;
        }

        Reply r = Parse(bytes.ToArray()).Single();
        Assert.Equal(3000, r.Payload.Length);
    }

    [Fact]
    public void Reconnect_discards_watches_and_resets_the_ring()
    {
        RingTransport ring = Open();
        var dom0 = _server.Connect();
        _server.Feed(dom0, Message(XsMessageType.Mkdir, 1, 0, Fields("/local/domain/3")));
        _server.Feed(dom0, Message(XsMessageType.SetPerms, 2, 0, Fields("/local/domain/3", "n3")));
        GuestWrite(Message(XsMessageType.Watch, 1, 0, Fields("w", "t")));
        ring.Poll();
        Assert.Equal(2, GuestReadAll().Count);
        Assert.Equal(1, ring.Connection.WatchCount);
        GuestWrite(new byte[] { 1, 2, 3 }); // half a header
        U32(RingLayout.Connection) = 1;
        ring.Poll();
        Assert.Equal(0u, U32(RingLayout.Connection));
        Assert.Equal(U32(RingLayout.RequestProducer), U32(RingLayout.RequestConsumer));
        Assert.Equal(0, ring.Connection.WatchCount);
        GuestWrite(Message(XsMessageType.GetDomainPath, 4, 0, Fields("3")));
        ring.Poll();
        Assert.Equal("/local/domain/3", GuestReadAll().Single().Fields[0]);
    }

    [Fact]
    public void Inconsistent_indexes_set_error_2_and_stop()
    {
        RingTransport ring = Open();
        U32(RingLayout.RequestProducer) = U32(RingLayout.RequestConsumer) + 5000;
        ring.Poll();
        Assert.Equal(RingLayout.ErrorBadIndex, U32(RingLayout.Error));
        Assert.True(ring.Failed);
        Assert.True(ring.Connection.IsClosed);
    }

    [Fact]
    public void Oversized_packet_sets_error_3()
    {
        RingTransport ring = Open();
        byte[] header = new byte[16];
        new XsHeader((uint)XsMessageType.Write, 1, 0, 5000).Write(header);
        GuestWrite(header);
        ring.Poll();
        Assert.Equal(RingLayout.ErrorProtocol, U32(RingLayout.Error));
    }

    [Fact]
    public void Introduce_hook_lets_a_host_serve_the_new_domains_ring()
    {
        RingTransport? ring = null;
        _server.DomainIntroduced = (domid, mfn, port) =>
        {
            Assert.Equal(0x1234ul, mfn);
            Assert.Equal(5u, port);
            ring = new RingTransport(_server, _server.ConnectDomain(domid), _page, () => _notifications++);
        };
        _server.DomainReleased = domid => ring = null;
        var dom0 = _server.Connect();
        _server.Feed(dom0, Message(XsMessageType.Mkdir, 1, 0, Fields("/local/domain/8")));
        _server.Feed(dom0, Message(XsMessageType.SetPerms, 2, 0, Fields("/local/domain/8", "n8")));
        _server.Feed(dom0, Message(XsMessageType.Introduce, 3, 0, Fields("8", "4660", "5")));
        Assert.NotNull(ring);
        GuestWrite(Message(XsMessageType.Write, 1, 0, PathValue("name", "guest")));
        ring!.Poll();
        Assert.Equal("OK\0", GuestReadAll().Single().Text);
        _server.Feed(dom0, Message(XsMessageType.Read, 4, 0, Fields("/local/domain/8/name")));
        Assert.Equal("guest", Drain(dom0).Last().Text);
        RingTransport served = ring;
        _server.Feed(dom0, Message(XsMessageType.Release, 5, 0, Fields("8")));
        Assert.Null(ring);
        Assert.True(served.Connection.IsClosed);
    }
}
