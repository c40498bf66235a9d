// Why: watch matching rules of docs/misc/xenstore.txt: immediate first event, children fire, recursive
// removal reports the watched path, relative watches get relative events, unwatch stops events.
using Xen.Store.Tests.Support;
using Xen.Store.Wire;
using static Xen.Store.Tests.Support.CoreHarness;

namespace Xen.Store.Tests.Core;

public sealed class WatchTests
{
    private readonly CoreHarness _h = new();

    [Fact]
    public void New_watch_fires_once_immediately_and_then_on_changes_below()
    {
        var c = _h.Server.Connect();
        List<Reply> all = _h.SendAll(c, XsMessageType.Watch, Fields("/dev", "tok"));
        Assert.Equal(XsMessageType.Watch, all[0].Type);
        Assert.Equal(XsMessageType.WatchEvent, all[1].Type);
        Assert.Equal(new[] { "/dev", "tok" }, all[1].Fields);
        _h.Write(c, "/dev/vif/0", "x");
        _h.Write(c, "/devices", "not-below");
        _h.Write(c, "/", "root-change-is-above");
        Assert.Equal(new[] { "/dev/vif/0|tok" }, _h.Events(c));
    }

    [Fact]
    public void Removing_a_parent_reports_the_watched_path()
    {
        var c = _h.Server.Connect();
        _h.Write(c, "/a/b/c", "1");
        _h.Send(c, XsMessageType.Watch, Fields("/a/b/c", "deep"));
        _h.Send(c, XsMessageType.Watch, Fields("/a", "top"));
        _h.Events(c);
        _h.Send(c, XsMessageType.Rm, Fields("/a/b"));
        List<string> events = _h.Events(c);
        Assert.Contains("/a/b/c|deep", events);
        Assert.Contains("/a/b|top", events);
    }

    [Fact]
    public void Relative_watch_of_a_domain_gets_relative_event_paths()
    {
        var dom0 = _h.Server.Connect();
        _h.Send(dom0, XsMessageType.Mkdir, Fields("/local/domain/3"));
        _h.Send(dom0, XsMessageType.SetPerms, Fields("/local/domain/3", "n3"));
        var guest = _h.Server.ConnectDomain(3);
        _h.Send(guest, XsMessageType.Watch, Fields("device", "rel"));
        _h.Send(guest, XsMessageType.Watch, Fields("/local/domain/3/device", "abs"));
        _h.Events(guest);
        _h.Write(dom0, "/local/domain/3/device/vbd", "1");
        List<string> events = _h.Events(guest);
        Assert.Contains("device/vbd|rel", events);
        Assert.Contains("/local/domain/3/device/vbd|abs", events);
    }

    [Fact]
    public void Unwatch_stops_events_duplicate_watch_is_EEXIST_and_unknown_unwatch_is_ENOENT()
    {
        var c = _h.Server.Connect();
        _h.Send(c, XsMessageType.Watch, Fields("/u", "t"));
        Assert.Equal("EEXIST", _h.Send(c, XsMessageType.Watch, Fields("/u", "t")).ErrorName);
        Assert.Equal("OK\0", _h.Send(c, XsMessageType.Watch, Fields("/u", "t2")).Text);
        _h.Events(c);
        Assert.Equal("OK\0", _h.Send(c, XsMessageType.Unwatch, Fields("/u", "t")).Text);
        Assert.Equal("ENOENT", _h.Send(c, XsMessageType.Unwatch, Fields("/u", "t")).ErrorName);
        _h.Write(c, "/u", "1");
        Assert.Equal(new[] { "/u|t2" }, _h.Events(c));
    }

    [Fact]
    public void Special_watches_only_match_special_events()
    {
        var c = _h.Server.Connect();
        _h.Send(c, XsMessageType.Watch, Fields("@releaseDomain", "r"));
        _h.Events(c);
        _h.Write(c, "/anything", "1");
        Assert.Empty(_h.Events(c));
        Assert.Equal("EINVAL", _h.Write(c, "@releaseDomain", "x").ErrorName);
    }

    [Fact]
    public void Reset_watches_clears_all_watches()
    {
        var c = _h.Server.Connect();
        _h.Send(c, XsMessageType.Watch, Fields("/r", "t"));
        _h.Events(c);
        _h.Send(c, XsMessageType.ResetWatches, Fields(""));
        _h.Write(c, "/r/x", "1");
        Assert.Empty(_h.Events(c));
        Assert.Equal(0, c.WatchCount);
    }

    [Fact]
    public void Steady_event_stream_that_never_drains_keeps_order()
    {
        var watcher = _h.Server.Connect();
        var writer = _h.Server.Connect();
        _h.Send(watcher, XsMessageType.Watch, Fields("/s", "t"));
        var bytes = new List<byte>();
        byte[] chunk = new byte[20]; // smaller than one event: the queue never runs empty
        for (int i = 0; i < 3000; i++)
        {
            _h.Write(writer, "/s/" + i, "v");
            int n = watcher.TakeOutput(chunk);
            bytes.AddRange(chunk.AsSpan(0, n).ToArray());
        }

        byte[] rest = new byte[watcher.PendingOutputBytes];
        watcher.TakeOutput(rest);
        bytes.AddRange(rest);
        List<Reply> all = Parse(bytes.ToArray());
        var events = all.Where(r => r.Type == XsMessageType.WatchEvent).Select(r => r.Fields[0]).ToList();
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => "/s/" + i), events);
    }
}
