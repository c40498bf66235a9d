// Why: guests are attackers; every resource they can make xenstored hold is bounded.
using Xen.Store.Tests.Support;
using Xen.Store.Wire;
using static Xen.Store.Tests.Support.CoreHarness;

namespace Xen.Store.Tests.Core;

public sealed class QuotaTests
{
    private readonly CoreHarness _h = new(new StoreQuotas { NodesPerDomain = 20, MaxEntrySize = 100, WatchesPerConnection = 5, OutstandingRequests = 4, PendingWatchEvents = 50 });

    private Xen.Store.Processing.XsConnection Guest(uint domid)
    {
        var dom0 = _h.Server.Connect();
        _h.Send(dom0, XsMessageType.Mkdir, Fields("/local/domain/" + domid));
        _h.Send(dom0, XsMessageType.SetPerms, Fields("/local/domain/" + domid, "n" + domid));
        return _h.Server.ConnectDomain(domid);
    }

    [Fact]
    public void Node_quota_stops_a_guest_but_not_dom0_or_other_guests()
    {
        var guest = Guest(5);
        int ok = 0;
        Reply last;
        while ((last = _h.Write(guest, "n" + ok, "v")).Type == XsMessageType.Write)
        {
            ok++;
            Assert.True(ok < 100);
        }

        Assert.Equal("ENOSPC", last.ErrorName);
        Assert.Equal(19, ok); // the home node itself counts: it was handed to the guest
        Assert.Equal("OK\0", _h.Send(guest, XsMessageType.Rm, Fields("n0")).Text);
        Assert.Equal("OK\0", _h.Write(guest, "again", "v").Text);

        var other = Guest(6);
        Assert.Equal("OK\0", _h.Write(other, "x", "v").Text);
        Assert.Equal("OK\0", _h.Write(_h.Server.Connect(), "/local/domain/5/by-dom0", "v").Text);
    }

    [Fact]
    public void Node_quota_counts_nodes_created_in_transactions()
    {
        var guest = Guest(7);
        uint tx = _h.Begin(guest);
        Reply last = default!;
        for (int i = 0; i < 30 && (last = _h.Write(guest, "t" + i, "v", tx)).Type == XsMessageType.Write; i++)
        {
        }

        Assert.Equal("ENOSPC", last.ErrorName);
    }

    [Fact]
    public void Entry_size_and_watch_quota()
    {
        var guest = Guest(5);
        Assert.Equal("ENOSPC", _h.Write(guest, "big", new string('x', 101)).ErrorName);
        Assert.Equal("OK\0", _h.Write(guest, "big", new string('x', 100)).Text);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal("OK\0", _h.Send(guest, XsMessageType.Watch, Fields("w" + i, "t")).Text);
        }

        Assert.Equal("E2BIG", _h.Send(guest, XsMessageType.Watch, Fields("w9", "t")).ErrorName);
    }

    [Fact]
    public void Outstanding_requests_apply_backpressure_instead_of_buffering()
    {
        var c = _h.Server.Connect();
        var bytes = new List<byte>();
        for (uint i = 1; i <= 10; i++)
        {
            bytes.AddRange(Message(XsMessageType.Read, i, 0, Fields("/")));
        }

        byte[] all = bytes.ToArray();
        int used = _h.Server.Feed(c, all);
        Assert.Equal(4 * 18, used); // 4 replies pending: input is no longer consumed
        Assert.Equal(4, c.PendingReplies);
        Assert.Equal(4, Drain(c).Count);
        used += _h.Server.Feed(c, all.AsSpan(used));
        Assert.Equal(8 * 18, used);
    }

    [Fact]
    public void Slow_reader_flooded_with_watch_events_is_dropped_and_writer_unaffected()
    {
        var slow = _h.Server.Connect();
        var writer = _h.Server.Connect();
        _h.Send(slow, XsMessageType.Watch, Fields("/flood", "t"));
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal("OK\0", _h.Write(writer, "/flood/" + i, "v").Text);
        }

        Assert.True(slow.IsClosed);
        Assert.Contains("watch", slow.FailureReason);
        Assert.False(writer.IsClosed);
        Assert.Equal("v", _h.Read(writer, "/flood/99").Text);
    }

    [Fact]
    public void Transaction_touching_too_many_nodes_is_refused()
    {
        CoreHarness h = new(new StoreQuotas { NodesPerTransaction = 50 });
        var c = h.Server.Connect();
        for (int i = 0; i < 60; i++)
        {
            h.Write(c, "/many/" + i, "v");
        }

        uint tx = h.Begin(c);
        Reply last = default!;
        int ok = 0;
        for (int i = 0; i < 60 && (last = h.Read(c, "/many/" + i, tx)).Type == XsMessageType.Read; i++)
        {
            ok++;
        }

        Assert.Equal("ENOSPC", last.ErrorName);
        Assert.InRange(ok, 40, 50);
        Assert.Equal("OK\0", h.End(c, tx, commit: false).Text);
    }
}
