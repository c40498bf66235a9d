// The hypervisor's xenstore as guests see it: ring page and port from HVM params 1/2, requests over the ring
// with EVTCHNOP_send, xenstored's permission model between domains, watch events crossing rings, hostile
// rings, and detach (RELEASE + removal of the domain's nodes).
using System.Diagnostics;
using Xen.Core.Domains;
using Xen.Core.Public;
using Xen.Core.Store;
using Xen.Store.Transport;

namespace Xen.Core.Tests.Store;

public sealed unsafe class HypervisorXenstoreTests : IDisposable
{
    private const uint Directory = 1, Read = 2, GetPerms = 3, Watch = 4, Write = 11, Mkdir = 12, Rm = 13, SetPerms = 14,
        WatchEvent = 15, IsIntroduced = 17, GetDomainPath = 10, Introduce = 8;

    private readonly StoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Attach_sets_params_1_and_2_and_the_server_features_before_traffic()
    {
        Domain d = _f.Create(1, "web");
        Assert.Equal(SpecialPages.StoreGfn(d.P2m), d.HvmParams[HvmOp.ParamStorePfn]);
        uint port = (uint)d.HvmParams[HvmOp.ParamStoreEvtchn];
        Assert.True(port > 0);
        Assert.Equal(Events.EventChannelState.Unbound, d.EventChannels.StateOf(port));
        var g = new GuestStoreRing(d);
        Assert.Equal(RingLayout.FeatureReconnection | RingLayout.FeatureConnectionError, g.U32(RingLayout.ServerFeatures));
        Assert.Equal(0u, g.U32(RingLayout.RequestProducer));
        Assert.Same(_f.Xenstore.Find(1), _f.Xenstore.Find(1));
        Assert.Equal(1, _f.Xenstore.Count);
        Assert.True(_f.Xenstore.Dom0Ready);
        Assert.Equal(-XenErrno.EEXIST, _f.Xenstore.Attach(d));
    }

    [Fact]
    public void A_guest_reads_its_domid_and_name_with_relative_and_absolute_paths()
    {
        Domain d = _f.Create(3, "web3");
        var g = new GuestStoreRing(d);
        Assert.Equal("3", g.Request(Read, "domid\0").Text);
        Assert.Equal("web3", g.Request(Read, "name\0").Text);
        Assert.Equal("web3", g.Request(Read, "/local/domain/3/name\0").Text);
        Assert.Equal("/local/domain/3", g.Request(GetDomainPath, "3\0").Text);
        Assert.Equal("T", g.Request(IsIntroduced, "3\0").Text);
        Assert.Equal("n3", g.Request(GetPerms, "domid\0").Text);
    }

    [Fact]
    public void A_guest_writes_reads_back_and_lists_its_home()
    {
        Domain d = _f.Create(1, "d1");
        var g = new GuestStoreRing(d);
        Assert.Equal("OK", g.Request(Write, "data/test\0hello xenstore").Text);
        Assert.Equal("hello xenstore", g.Request(Read, "data/test\0").Text);
        Assert.Equal(new[] { "domid", "name", "data" }.OrderBy(x => x), g.Request(Directory, "/local/domain/1\0").Fields.OrderBy(x => x));
        Assert.Equal(new[] { "test" }, g.Request(Directory, "data\0").Fields);
        Assert.Equal("OK", g.Request(Rm, "data/test\0").Text);
        Assert.Equal("ENOENT", g.Request(Read, "data/test\0").Text);
    }

    [Fact]
    public void A_guest_cannot_read_dom0_or_another_domain_nor_write_outside_its_home()
    {
        Domain a = _f.Create(1, "a");
        Domain b = _f.Create(2, "b");
        var ga = new GuestStoreRing(a);
        var gb = new GuestStoreRing(b);
        Assert.Equal("OK", gb.Request(Write, "data/secret\0x").Text);
        StoreReply r = ga.Request(Read, "/local/domain/0/name\0");
        Assert.True(r.IsError);
        Assert.Equal("EACCES", r.Text);
        Assert.Equal("EACCES", ga.Request(Read, "/local/domain/2/name\0").Text);
        Assert.Equal("EACCES", ga.Request(Read, "/local/domain/2/data/secret\0").Text);
        Assert.Equal("EACCES", ga.Request(Directory, "/local/domain/2\0").Text);
        Assert.Equal("EACCES", ga.Request(Write, "/local/domain/2/data/x\0y").Text);
        Assert.Equal("EACCES", ga.Request(Write, "/vm/x\0y").Text);
        Assert.Equal("EACCES", ga.Request(Introduce, "5\01\02\0").Text);
        Assert.True(ga.Request(Read, "/local/domain/9/name\0").IsError); // absent: EACCES or ENOENT as xenstored
        Assert.Equal("x", gb.Request(Read, "data/secret\0").Text);
    }

    [Fact]
    public void A_grant_lets_another_domain_read_and_its_watch_event_crosses_rings()
    {
        Domain a = _f.Create(1, "a");
        Domain b = _f.Create(2, "b");
        var ga = new GuestStoreRing(a);
        var gb = new GuestStoreRing(b);
        Assert.Equal("OK", ga.Request(Write, "data/shared\0v1").Text);
        Assert.Equal("OK", ga.Request(SetPerms, "data/shared\0n1\0r2\0").Text);
        Assert.Equal("v1", gb.Request(Read, "/local/domain/1/data/shared\0").Text);
        Assert.Equal("OK", gb.Request(Watch, "/local/domain/1/data/shared\0tok\0").Text);
        gb.Take(); // the initial event
        ulong signals = _f.Xenstore.Find(2)!.Signals;
        Assert.Equal("OK", ga.Request(Write, "data/shared\0v2").Text);
        Assert.True(_f.Xenstore.Find(2)!.Signals > signals, "b's port was not raised");
        List<StoreReply> events = gb.Take();
        Assert.Contains(events, e => e.Type == WatchEvent && e.Fields[0] == "/local/domain/1/data/shared" && e.Fields[1] == "tok");
        Assert.Equal("EACCES", gb.Request(Write, "/local/domain/1/data/shared\0no").Text);
    }

    [Fact]
    public void Replies_raise_the_guest_port_in_shared_info()
    {
        Domain d = _f.Create(1, "d1");
        var g = new GuestStoreRing(d);
        g.Request(Read, "name\0");
        ulong pending = d.SharedInfo!.ReadUInt64(SharedInfoLayout.EvtchnPending);
        Assert.NotEqual(0UL, pending & (1UL << (int)g.Port));
        Assert.Equal(1UL, _f.Xenstore.Find(1)!.Notifications);
    }

    [Fact]
    public void A_request_split_across_sends_and_the_ring_wrap_is_served_whole()
    {
        Domain d = _f.Create(1, "d1");
        var g = new GuestStoreRing(d);
        // Indexes near 2^32 and not at zero: the guest may start anywhere.
        g.U32(RingLayout.RequestConsumer) = g.U32(RingLayout.RequestProducer) = 0xffff_fff0;
        g.U32(RingLayout.ResponseConsumer) = g.U32(RingLayout.ResponseProducer) = 0xffff_ffe0;
        byte[] m = GuestStoreRing.Message(Write, 7, "data/big\0" + new string('z', 900));
        g.Put(m[..10]);
        Assert.Equal(0, g.Send());
        Assert.Empty(g.Take());
        g.Put(m[10..]);
        Assert.Equal(0, g.Send());
        StoreReply r = Assert.Single(g.Take());
        Assert.Equal(7u, r.RequestId);
        Assert.Equal("OK", r.Text);
        Assert.Equal(900, g.Request(Read, "data/big\0").Payload.Length);
    }

    [Fact]
    public void A_hostile_ring_fails_alone_and_other_domains_keep_working()
    {
        Domain a = _f.Create(1, "a");
        Domain b = _f.Create(2, "b");
        var ga = new GuestStoreRing(a);
        var gb = new GuestStoreRing(b);
        ga.U32(RingLayout.RequestProducer) = ga.U32(RingLayout.RequestConsumer) + 5000; // more than the ring holds
        Assert.Equal(0, ga.Send());
        Assert.Equal(RingLayout.ErrorBadIndex, ga.U32(RingLayout.Error));
        Assert.True(_f.Xenstore.Find(1)!.Transport.Failed);
        Assert.Equal(0, ga.Send()); // further sends are ignored
        Assert.Equal("b", gb.Request(Read, "name\0").Text);

        // An oversized packet (len > 4096) gets error 3 on that ring only.
        Domain c = _f.Create(3, "c");
        var gc = new GuestStoreRing(c);
        byte[] header = GuestStoreRing.Message(Read, 1, "");
        BitConverter.GetBytes(5000u).CopyTo(header, 12);
        gc.Put(header);
        Assert.Equal(0, gc.Send());
        Assert.Equal(RingLayout.ErrorProtocol, gc.U32(RingLayout.Error));
        Assert.Equal("b", gb.Request(Read, "name\0").Text);
    }

    [Fact]
    public void Random_garbage_on_a_ring_never_throws()
    {
        Domain d = _f.Create(1, "d1");
        var g = new GuestStoreRing(d);
        var rng = new Random(1234);
        for (int i = 0; i < 300; i++)
        {
            byte[] junk = new byte[rng.Next(1, 64)];
            rng.NextBytes(junk);
            if (g.U32(RingLayout.Error) != 0) break;
            if (g.U32(RingLayout.RequestProducer) - g.U32(RingLayout.RequestConsumer) + junk.Length >= 1024) break;
            g.Put(junk);
            Assert.Equal(0, g.Send());
            g.Take();
        }
        Domain other = _f.Create(2, "ok");
        Assert.Equal("ok", new GuestStoreRing(other).Request(Read, "name\0").Text);
    }

    [Fact]
    public void A_shutdown_fires_release_domain_once_for_watchers()
    {
        Domain a = _f.Create(1, "a");
        Domain b = _f.Create(2, "b");
        var gb = new GuestStoreRing(b);
        Assert.Equal("OK", gb.Request(Watch, "@releaseDomain\0rel\0").Text);
        gb.Take();
        a.Shutdown(ShutdownReason.PowerOff);
        _f.Xenstore.ReportShutdown(a);
        _f.Xenstore.ReportShutdown(a);
        List<StoreReply> events = gb.Take();
        StoreReply e = Assert.Single(events);
        Assert.Equal(WatchEvent, e.Type);
        Assert.Equal(new[] { "@releaseDomain", "rel" }, e.Fields);
    }

    [Fact]
    public void Reconnect_request_resets_the_ring_and_keeps_the_nodes()
    {
        Domain d = _f.Create(1, "d1");
        var g = new GuestStoreRing(d);
        Assert.Equal("OK", g.Request(Write, "data/keep\01").Text);
        g.U32(RingLayout.Connection) = 1; // XENSTORE_RECONNECT
        Assert.Equal(0, g.Send());
        Assert.Equal(0u, g.U32(RingLayout.Connection));
        Assert.Equal("1", g.Request(Read, "data/keep\0").Text);
    }

    [Fact]
    public void Detach_releases_the_domain_and_removes_its_nodes()
    {
        Domain a = _f.Create(1, "a");
        Domain b = _f.Create(2, "b");
        var gb = new GuestStoreRing(b);
        Assert.True(_f.Xenstore.Detach(a));
        Assert.False(_f.Xenstore.Detach(a));
        Assert.Null(_f.Xenstore.Find(1));
        Assert.Equal("F", gb.Request(IsIntroduced, "1\0").Text);
        Assert.True(gb.Request(Read, "/local/domain/1/name\0").IsError);
        Assert.Equal(0, _f.Xenstore.Attach(a)); // a rebuilt domain can be attached again
    }

    [Fact]
    public void Many_domains_get_their_own_rings()
    {
        for (ushort id = 1; id <= 9; id++) _f.Create(id, "dom" + id, 16);
        Assert.Equal(9, _f.Xenstore.Count);
        for (ushort id = 1; id <= 9; id++)
            Assert.Equal("dom" + id, new GuestStoreRing(_f.Domains.Find(id)!).Request(Read, "name\0").Text);
    }

    [Fact]
    public void A_domain_without_room_for_special_pages_is_refused()
    {
        var tiny = new Domain(7, "tiny", Memory.P2m.Allocate(_f.Memory.Pages, 2)!, 1, _f.Console);
        Assert.Equal(-XenErrno.ENOMEM, _f.Xenstore.Attach(tiny));
    }

    [Fact]
    public void Round_trip_cost_of_a_read_over_the_ring()
    {
        Domain d = _f.Create(1, "d1");
        var g = new GuestStoreRing(d);
        DomainStoreRing ring = _f.Xenstore.Find(1)!;
        byte[] request = GuestStoreRing.Message(Read, 1, "name\0");
        const int n = 20000;
        for (int round = 0; round < 2; round++) // the first round warms the JIT up
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < n; i++)
            {
                g.Put(request);
                ring.Notify(); // what EVTCHNOP_send on the store port runs
                g.U32(RingLayout.ResponseConsumer) = g.U32(RingLayout.ResponseProducer); // the guest takes the reply
            }
            watch.Stop();
            if (round == 1)
                System.Console.WriteLine($"hypervisor xenstore READ served from the ring: {watch.Elapsed.TotalMilliseconds * 1000 / n:F2} µs hosted");
        }
        Assert.Equal("d1", g.Request(Read, "name\0").Text);
    }
}
