// Why: access control is the guest isolation boundary of xenstore: owner, default, per-domain grants,
// dom0 bypass, creator ownership and SET_TARGET.
using Xen.Store.Tests.Support;
using Xen.Store.Wire;
using static Xen.Store.Tests.Support.CoreHarness;

namespace Xen.Store.Tests.Core;

public sealed class PermissionTests
{
    private readonly CoreHarness _h = new();

    [Fact]
    public void Guest_cannot_read_or_write_dom0_nodes_until_granted()
    {
        var dom0 = _h.Server.Connect();
        var guest = _h.Server.ConnectDomain(5);
        _h.Write(dom0, "/tool/x", "1");
        Assert.Equal("EACCES", _h.Read(guest, "/tool/x").ErrorName);
        Assert.Equal("EACCES", _h.Write(guest, "/tool/x", "2").ErrorName);
        Assert.Equal("EACCES", _h.Write(guest, "/tool/new", "2").ErrorName);

        _h.Send(dom0, XsMessageType.SetPerms, Fields("/tool/x", "n0", "r5"));
        Assert.Equal("1", _h.Read(guest, "/tool/x").Text);
        Assert.Equal("EACCES", _h.Write(guest, "/tool/x", "2").ErrorName);
        Assert.Equal("EACCES", _h.Read(_h.Server.ConnectDomain(6), "/tool/x").ErrorName);

        _h.Send(dom0, XsMessageType.SetPerms, Fields("/tool/x", "r0"));
        Assert.Equal("1", _h.Read(_h.Server.ConnectDomain(6), "/tool/x").Text); // default for others
    }

    [Fact]
    public void Guest_home_is_writable_relative_paths_resolve_and_guests_own_what_they_create()
    {
        var dom0 = _h.Server.Connect();
        var guest = _h.Server.ConnectDomain(5);
        _h.Send(dom0, XsMessageType.Mkdir, Fields("/local/domain/5"));
        _h.Send(dom0, XsMessageType.SetPerms, Fields("/local/domain/5", "n5"));
        Assert.Equal("OK\0", _h.Write(guest, "data/x", "v").Text);
        Assert.Equal("v", _h.Read(dom0, "/local/domain/5/data/x").Text);
        Assert.Equal(new[] { "n5" }, _h.Send(dom0, XsMessageType.GetPerms, Fields("/local/domain/5/data/x")).Fields);

        // Dom0 creating below the guest's home inherits the parent's permissions unchanged.
        _h.Write(dom0, "/local/domain/5/by-dom0", "d");
        Assert.Equal(new[] { "n5" }, _h.Send(dom0, XsMessageType.GetPerms, Fields("/local/domain/5/by-dom0")).Fields);
        Assert.Equal("d", _h.Read(guest, "by-dom0").Text);
    }

    [Fact]
    public void Only_owner_may_set_perms_and_write_only_cannot_read()
    {
        var dom0 = _h.Server.Connect();
        var five = _h.Server.ConnectDomain(5);
        var six = _h.Server.ConnectDomain(6);
        _h.Write(dom0, "/shared", "");
        _h.Send(dom0, XsMessageType.SetPerms, Fields("/shared", "n5", "w6"));
        Assert.Equal("OK\0", _h.Write(six, "/shared", "from6").Text);
        Assert.Equal("EACCES", _h.Read(six, "/shared").ErrorName);
        Assert.Equal("EACCES", _h.Send(six, XsMessageType.SetPerms, Fields("/shared", "b6")).ErrorName);
        Assert.Equal("from6", _h.Read(five, "/shared").Text);
        Assert.Equal("OK\0", _h.Send(five, XsMessageType.SetPerms, Fields("/shared", "n5", "b6")).Text);
        Assert.Equal("from6", _h.Read(six, "/shared").Text);
    }

    [Fact]
    public void Set_target_gives_the_device_model_its_targets_rights()
    {
        var dom0 = _h.Server.Connect();
        _h.Send(dom0, XsMessageType.Introduce, Fields("9", "1", "1"));
        var dm = _h.Server.ConnectDomain(9);
        _h.Write(dom0, "/local/domain/3/device", "x");
        _h.Send(dom0, XsMessageType.SetPerms, Fields("/local/domain/3/device", "n3"));
        _h.Write(dom0, "/granted", "g");
        _h.Send(dom0, XsMessageType.SetPerms, Fields("/granted", "n0", "r3"));
        Assert.Equal("EACCES", _h.Read(dm, "/local/domain/3/device").ErrorName);
        _h.Send(dom0, XsMessageType.SetTarget, Fields("9", "3"));
        Assert.Equal("x", _h.Read(dm, "/local/domain/3/device").Text);
        Assert.Equal("OK\0", _h.Write(dm, "/local/domain/3/device", "y").Text);
        Assert.Equal("g", _h.Read(dm, "/granted").Text);
    }

    [Fact]
    public void Watch_events_are_not_sent_for_nodes_the_watcher_cannot_read()
    {
        var dom0 = _h.Server.Connect();
        var guest = _h.Server.ConnectDomain(5);
        _h.Write(dom0, "/w", "");
        _h.Send(dom0, XsMessageType.SetPerms, Fields("/w", "n0", "r5"));
        _h.Send(guest, XsMessageType.Watch, Fields("/w", "t"));
        _h.Events(guest);
        _h.Write(dom0, "/w/visible", "1");
        _h.Write(dom0, "/w/hidden", "1");
        _h.Send(dom0, XsMessageType.SetPerms, Fields("/w/hidden", "n0"));
        _h.Write(dom0, "/w/hidden", "2");
        Assert.Equal(new[] { "/w/visible|t", "/w/hidden|t" }, _h.Events(guest));
    }
}
