// Why: the request/reply conversation of docs/misc/xenstore.txt, message by message, on the core.
using Xen.Store.Tests.Support;
using Xen.Store.Wire;
using static Xen.Store.Tests.Support.CoreHarness;

namespace Xen.Store.Tests.Core;

public sealed class ProtocolTests
{
    private readonly CoreHarness _h = new();

    [Fact]
    public void Write_then_read_returns_value_and_creates_parents()
    {
        var c = _h.Server.Connect();
        Reply w = _h.Write(c, "/a/b/c", "hello");
        Assert.Equal(XsMessageType.Write, w.Type);
        Assert.Equal("OK\0", w.Text);
        Assert.Equal("hello", _h.Read(c, "/a/b/c").Text);
        Assert.Equal("", _h.Read(c, "/a/b").Text);
        Assert.Equal(new[] { "b" }, _h.Send(c, XsMessageType.Directory, Fields("/a")).Fields);
    }

    [Fact]
    public void Values_are_binary_and_may_contain_nul()
    {
        var c = _h.Server.Connect();
        byte[] payload = new byte[] { (byte)'/', (byte)'v', 0, 1, 0, 2, 255 };
        Assert.Equal(XsMessageType.Write, _h.Send(c, XsMessageType.Write, payload).Type);
        Assert.Equal(new byte[] { 1, 0, 2, 255 }, _h.Read(c, "/v").Payload);
    }

    [Fact]
    public void Read_of_missing_node_is_ENOENT_error_reply_with_ids_echoed()
    {
        var c = _h.Server.Connect();
        Reply r = _h.Read(c, "/nope");
        Assert.Equal(XsMessageType.Error, r.Type);
        Assert.Equal("ENOENT", r.ErrorName);
    }

    [Fact]
    public void Mkdir_keeps_existing_value_and_rm_removes_subtree()
    {
        var c = _h.Server.Connect();
        _h.Write(c, "/x/y", "1");
        Assert.Equal("OK\0", _h.Send(c, XsMessageType.Mkdir, Fields("/x/y")).Text);
        Assert.Equal("1", _h.Read(c, "/x/y").Text);
        _h.Send(c, XsMessageType.Mkdir, Fields("/x/z/w"));
        Assert.Equal(new[] { "y", "z" }, _h.Send(c, XsMessageType.Directory, Fields("/x")).Fields);
        Assert.Equal("OK\0", _h.Send(c, XsMessageType.Rm, Fields("/x")).Text);
        Assert.Equal("ENOENT", _h.Read(c, "/x/z/w").ErrorName);
        Assert.Empty(_h.Send(c, XsMessageType.Directory, Fields("/")).Fields);
    }

    [Fact]
    public void Rm_of_missing_node_is_ok_but_missing_parent_is_ENOENT_and_root_is_EINVAL()
    {
        var c = _h.Server.Connect();
        _h.Write(c, "/p", "");
        Assert.Equal("OK\0", _h.Send(c, XsMessageType.Rm, Fields("/p/q")).Text);
        Assert.Equal("ENOENT", _h.Send(c, XsMessageType.Rm, Fields("/p/q/r")).ErrorName);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.Rm, Fields("/")).ErrorName);
    }

    [Fact]
    public void Directory_larger_than_payload_max_is_E2BIG_and_directory_part_pages_it()
    {
        var c = _h.Server.Connect();
        var expected = new List<string>();
        for (int i = 0; i < 400; i++)
        {
            string name = "child-number-" + i;
            expected.Add(name);
            _h.Send(c, XsMessageType.Mkdir, Fields("/big/" + name));
        }

        Assert.Equal("E2BIG", _h.Send(c, XsMessageType.Directory, Fields("/big")).ErrorName);
        var names = new List<string>();
        int offset = 0;
        string? gen = null;
        while (true)
        {
            Reply part = _h.Send(c, XsMessageType.DirectoryPart, Fields("/big", offset.ToString()));
            Assert.Equal(XsMessageType.DirectoryPart, part.Type);
            Assert.True(part.Payload.Length <= XsLimits.PayloadMax);
            string[] f = part.Text.Split('\0');
            gen ??= f[0];
            Assert.Equal(gen, f[0]);
            bool end = part.Text.EndsWith("\0\0", StringComparison.Ordinal);
            foreach (string n in f.Skip(1).Where(s => s.Length > 0))
            {
                names.Add(n);
                offset += n.Length + 1;
            }

            if (end)
            {
                break;
            }
        }

        Assert.Equal(expected, names);
    }

    [Fact]
    public void Get_and_set_perms_round_trip()
    {
        var c = _h.Server.Connect();
        _h.Write(c, "/perm", "v");
        Assert.Equal(new[] { "n0" }, _h.Send(c, XsMessageType.GetPerms, Fields("/perm")).Fields);
        Assert.Equal("OK\0", _h.Send(c, XsMessageType.SetPerms, Fields("/perm", "b3", "r5", "w7", "n9")).Text);
        Assert.Equal(new[] { "b3", "r5", "w7", "n9" }, _h.Send(c, XsMessageType.GetPerms, Fields("/perm")).Fields);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.SetPerms, Fields("/perm", "x3")).ErrorName);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.SetPerms, Fields("/perm")).ErrorName);
        Assert.Equal("ENOENT", _h.Send(c, XsMessageType.SetPerms, Fields("/none", "b0")).ErrorName);
    }

    [Fact]
    public void Domain_requests_follow_the_spec()
    {
        var c = _h.Server.Connect();
        var watcher = _h.Server.Connect();
        _h.Send(watcher, XsMessageType.Watch, Fields("@introduceDomain", "i"));
        _h.Send(watcher, XsMessageType.Watch, Fields("@releaseDomain", "r"));
        Assert.Equal(new[] { "@introduceDomain|i", "@releaseDomain|r" }, _h.Events(watcher));

        Assert.Equal("/local/domain/7", _h.Send(c, XsMessageType.GetDomainPath, Fields("7")).Fields[0]);
        Assert.Equal("F", _h.Send(c, XsMessageType.IsDomainIntroduced, Fields("7")).Fields[0]);
        Assert.Equal("T", _h.Send(c, XsMessageType.IsDomainIntroduced, Fields("0")).Fields[0]);

        var introduced = new List<(uint, ulong, uint)>();
        _h.Server.DomainIntroduced = (d, mfn, port) => introduced.Add((d, mfn, port));
        Assert.Equal("OK\0", _h.Send(c, XsMessageType.Introduce, Fields("7", "4660", "3")).Text);
        Assert.Equal(new[] { ((uint)7, (ulong)4660, (uint)3) }, introduced);
        Assert.Equal("T", _h.Send(c, XsMessageType.IsDomainIntroduced, Fields("7")).Fields[0]);
        Assert.Equal(new[] { "@introduceDomain|i" }, _h.Events(watcher));
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.Introduce, Fields("0", "1", "1")).ErrorName);

        Assert.Equal("OK\0", _h.Send(c, XsMessageType.SetTarget, Fields("7", "9")).Text);
        Assert.Equal("ENOENT", _h.Send(c, XsMessageType.SetTarget, Fields("8", "9")).ErrorName);
        Assert.Equal("OK\0", _h.Send(c, XsMessageType.Resume, Fields("7")).Text);

        Assert.Equal("OK\0", _h.Send(c, XsMessageType.Release, Fields("7")).Text);
        Assert.Equal(new[] { "@releaseDomain|r" }, _h.Events(watcher));
        Assert.Equal("ENOENT", _h.Send(c, XsMessageType.Release, Fields("7")).ErrorName);
        Assert.Equal("ENOENT", _h.Send(c, XsMessageType.Resume, Fields("7")).ErrorName);
    }

    [Fact]
    public void Shutdown_reports_fire_release_domain_once_until_resume()
    {
        var c = _h.Server.Connect();
        _h.Send(c, XsMessageType.Introduce, Fields("4", "1", "1"));
        _h.Send(c, XsMessageType.Watch, Fields("@releaseDomain", "t"));
        _h.Events(c);
        _h.Server.ReportDomainShutdown(4);
        _h.Server.ReportDomainShutdown(4);
        Assert.Single(_h.Events(c));
        _h.Send(c, XsMessageType.Resume, Fields("4"));
        _h.Server.ReportDomainShutdown(4);
        Assert.Single(_h.Events(c));
    }

    [Fact]
    public void Control_help_lists_commands_and_unknown_command_is_EINVAL()
    {
        var c = _h.Server.Connect();
        Assert.Contains("check", _h.Send(c, XsMessageType.Control, Fields("help")).Text);
        Assert.Equal("OK\0", _h.Send(c, XsMessageType.Control, Fields("print", "hello")).Text);
        Assert.Equal("EINVAL", _h.Send(c, XsMessageType.Control, Fields("frobnicate")).ErrorName);
    }

    [Fact]
    public void Restrict_drops_privilege_to_the_domain()
    {
        var c = _h.Server.Connect();
        _h.Write(c, "/secret", "s");
        Assert.Equal("OK\0", _h.Send(c, XsMessageType.Restrict, Fields("5")).Text);
        Assert.Equal("EACCES", _h.Read(c, "/secret").ErrorName);
        Assert.Equal("EACCES", _h.Send(c, XsMessageType.Introduce, Fields("6", "1", "1")).ErrorName);
    }

    [Fact]
    public void Pipelined_requests_are_all_answered_in_order()
    {
        var c = _h.Server.Connect();
        var bytes = new List<byte>();
        for (uint i = 1; i <= 20; i++)
        {
            bytes.AddRange(Message(XsMessageType.Write, i, 0, PathValue("/p/" + i, "v" + i)));
        }

        Assert.Equal(bytes.Count, _h.Server.Feed(c, bytes.ToArray()));
        List<Reply> replies = Drain(c);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (uint)i), replies.Select(r => r.RequestId));
    }
}
