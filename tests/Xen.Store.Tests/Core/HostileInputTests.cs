// Why: every byte a guest puts on its ring reaches this parser. Whatever arrives — truncated headers,
// oversized lengths, missing terminators, bad paths, unknown types, random garbage — the result is an
// error reply or a dropped connection, never an exception, and other connections see a sane store.
using Xen.Store.Tests.Support;
using Xen.Store.Wire;
using static Xen.Store.Tests.Support.CoreHarness;

namespace Xen.Store.Tests.Core;

public sealed class HostileInputTests
{
    private readonly CoreHarness _h = new();

    [Fact]
    public void Truncated_header_waits_for_the_rest_byte_by_byte()
    {
        var c = _h.Server.Connect();
        _h.Write(c, "/k", "v");
        byte[] m = Message(XsMessageType.Read, 9, 0, Fields("/k"));
        for (int i = 0; i < m.Length - 1; i++)
        {
            Assert.Equal(1, _h.Server.Feed(c, m.AsSpan(i, 1)));
            Assert.Equal(0, c.PendingOutputBytes);
        }

        _h.Server.Feed(c, m.AsSpan(m.Length - 1));
        Assert.Equal("v", Drain(c).Single().Text);
    }

    [Fact]
    public void Length_over_payload_max_drops_the_connection_only()
    {
        var bad = _h.Server.Connect();
        var good = _h.Server.Connect();
        byte[] header = new byte[16];
        new XsHeader((uint)XsMessageType.Write, 1, 0, XsLimits.PayloadMax + 1).Write(header);
        _h.Server.Feed(bad, header);
        Assert.True(bad.IsClosed);
        Assert.Contains("XENSTORE_PAYLOAD_MAX", bad.FailureReason);
        Assert.Equal("OK\0", _h.Write(good, "/still", "fine").Text);

        var exact = _h.Server.Connect();
        byte[] max = Message(XsMessageType.Write, 1, 0, PathValue("/max", new string('m', XsLimits.PayloadMax - 5)));
        Assert.Equal(max.Length, _h.Server.Feed(exact, max));
        Assert.False(exact.IsClosed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("//a")]
    [InlineData("/a//b")]
    [InlineData("/a/")]
    [InlineData("/a b")]
    [InlineData("/a\tb")]
    [InlineData("/ä")]
    [InlineData("/a.b")]
    [InlineData("@releaseDomain")]
    public void Bad_paths_are_EINVAL(string path)
    {
        var c = _h.Server.Connect();
        byte[] payload = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.Read, payload).ErrorName);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.Write, payload).ErrorName);
    }

    [Fact]
    public void Path_length_limits_follow_xs_wire()
    {
        var c = _h.Server.Connect();
        var sb = new System.Text.StringBuilder();
        while (sb.Length < XsLimits.AbsolutePathMax)
        {
            sb.Append('/').Append(new string('a', 50));
        }

        string longest = sb.ToString(0, XsLimits.AbsolutePathMax);
        if (longest.EndsWith('/'))
        {
            longest = longest[..^1] + "b";
        }

        Assert.Equal(XsLimits.AbsolutePathMax, longest.Length);
        Assert.Equal(XsMessageType.Mkdir, _h.Send(c, XsMessageType.Mkdir, Fields(longest)).Type);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.Mkdir, Fields(longest + "b")).ErrorName);
        var guest = _h.Server.ConnectDomain(2);
        Assert.Equal("EINVAL", _h.Send(guest, XsMessageType.Read, Fields(new string('r', XsLimits.RelativePathMax + 1))).ErrorName);
    }

    [Fact]
    public void Missing_nul_terminators_are_EINVAL()
    {
        var c = _h.Server.Connect();
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.Read, System.Text.Encoding.ASCII.GetBytes("/nonul")).ErrorName);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.Watch, System.Text.Encoding.ASCII.GetBytes("/p\0tok")).ErrorName);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.GetDomainPath, System.Text.Encoding.ASCII.GetBytes("5")).ErrorName);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.Introduce, Fields("5", "x", "1")).ErrorName);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.GetDomainPath, Fields("99999999999999999999999")).ErrorName);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.DirectoryPart, Fields("/", "-1")).ErrorName);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.DirectoryPart, Fields("/")).ErrorName);
    }

    [Theory]
    [InlineData(15u)]
    [InlineData(16u)]
    [InlineData(23u)]
    [InlineData(0xffffu)]
    [InlineData(0xdeadbeefu)]
    public void Unknown_and_reply_only_types_are_EINVAL(uint type)
    {
        var c = _h.Server.Connect();
        Assert.Equal("EINVAL", _h.Send(c, (XsMessageType)type, Fields("/")).ErrorName);
        Assert.False(c.IsClosed);
    }

    [Fact]
    public void Random_garbage_never_throws_and_leaves_other_clients_working()
    {
        var rng = new Random(1234);
        var good = _h.Server.Connect();
        _h.Write(good, "/safe", "value");
        for (int round = 0; round < 300; round++)
        {
            var evil = round % 3 == 0 ? _h.Server.ConnectDomain((uint)(1 + round % 50)) : _h.Server.Connect();
            byte[] noise = new byte[rng.Next(1, 3000)];
            rng.NextBytes(noise);
            if (round % 2 == 0 && noise.Length >= 16)
            {
                // A plausible header with a random type and small length gets past the framing.
                new XsHeader((uint)rng.Next(0, 30), (uint)rng.Next(), 0, (uint)Math.Min(noise.Length - 16, rng.Next(0, 200))).Write(noise);
            }

            _h.Server.Feed(evil, noise);
            evil.TakeOutput(new byte[evil.PendingOutputBytes]);
            _h.Server.Disconnect(evil);
        }

        Assert.Equal("value", _h.Read(good, "/safe").Text);
        Assert.Equal("OK\0", _h.Write(good, "/safe", "v2").Text);
    }

    [Fact]
    public void Watch_flood_registrations_are_bounded()
    {
        var c = _h.Server.Connect();
        int accepted = 0;
        for (int i = 0; i < 1000; i++)
        {
            Reply r = _h.Send(c, XsMessageType.Watch, Fields("/f/" + i, "t"));
            _h.Pending.Clear();
            c.TakeOutput(new byte[c.PendingOutputBytes]);
            if (r.Type == XsMessageType.Watch)
            {
                accepted++;
            }
            else
            {
                Assert.Equal("E2BIG", r.ErrorName);
            }
        }

        Assert.Equal(_h.Server.Quotas.WatchesPerConnection, accepted);
    }
}
