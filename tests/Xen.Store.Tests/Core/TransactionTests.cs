// Why: transactions are isolated until commit, commit atomically, and fail with EAGAIN exactly when
// something they saw changed (docs/misc/xenstore.txt "Transactions").
using Xen.Store.Tests.Support;
using Xen.Store.Wire;
using static Xen.Store.Tests.Support.CoreHarness;

namespace Xen.Store.Tests.Core;

public sealed class TransactionTests
{
    private readonly CoreHarness _h = new();

    [Fact]
    public void Writes_are_invisible_until_commit_then_all_appear()
    {
        var c = _h.Server.Connect();
        var other = _h.Server.Connect();
        uint tx = _h.Begin(c);
        Assert.NotEqual(0u, tx);
        _h.Write(c, "/t/a", "1", tx);
        _h.Write(c, "/t/b", "2", tx);
        Assert.Equal("1", _h.Read(c, "/t/a", tx).Text);
        Assert.Equal(new[] { "a", "b" }, _h.Send(c, XsMessageType.Directory, Fields("/t"), tx).Fields);
        Assert.Equal("ENOENT", _h.Read(other, "/t/a").ErrorName);
        Assert.Equal("OK\0", _h.End(c, tx, commit: true).Text);
        Assert.Equal("1", _h.Read(other, "/t/a").Text);
        Assert.Equal("2", _h.Read(other, "/t/b").Text);
    }

    [Fact]
    public void Abort_discards_everything()
    {
        var c = _h.Server.Connect();
        _h.Write(c, "/keep", "old");
        uint tx = _h.Begin(c);
        _h.Write(c, "/keep", "new", tx);
        _h.Send(c, XsMessageType.Rm, Fields("/keep"), tx);
        Assert.Equal("ENOENT", _h.Read(c, "/keep", tx).ErrorName);
        Assert.Equal("OK\0", _h.End(c, tx, commit: false).Text);
        Assert.Equal("old", _h.Read(c, "/keep").Text);
        Assert.Equal("ENOENT", _h.Read(c, "/keep", tx).ErrorName); // the id is gone
    }

    [Fact]
    public void Conflicting_write_makes_commit_fail_with_EAGAIN()
    {
        var a = _h.Server.Connect();
        var b = _h.Server.Connect();
        _h.Write(a, "/counter", "1");
        uint tx = _h.Begin(a);
        Assert.Equal("1", _h.Read(a, "/counter", tx).Text);
        _h.Write(b, "/counter", "5");
        _h.Write(a, "/counter", "2", tx);
        Assert.Equal("EAGAIN", _h.End(a, tx, commit: true).ErrorName);
        Assert.Equal("5", _h.Read(b, "/counter").Text);
    }

    [Fact]
    public void Read_only_conflict_and_creation_conflict_are_detected()
    {
        var a = _h.Server.Connect();
        var b = _h.Server.Connect();
        _h.Write(a, "/r", "1");
        uint tx = _h.Begin(a);
        _h.Read(a, "/r", tx);
        _h.Read(a, "/absent", tx);
        _h.Write(a, "/out", "x", tx);
        _h.Write(b, "/absent", "now-here");
        Assert.Equal("EAGAIN", _h.End(a, tx, commit: true).ErrorName);
        Assert.Equal("ENOENT", _h.Read(b, "/out").ErrorName);
    }

    [Fact]
    public void Unrelated_concurrent_writes_do_not_conflict()
    {
        var a = _h.Server.Connect();
        var b = _h.Server.Connect();
        _h.Write(a, "/x/one", "1");
        _h.Write(a, "/x/two", "2");
        uint tx = _h.Begin(a);
        _h.Write(a, "/x/one", "10", tx);
        _h.Write(b, "/x/two", "20");
        Assert.Equal("OK\0", _h.End(a, tx, commit: true).Text);
        Assert.Equal("10", _h.Read(b, "/x/one").Text);
        Assert.Equal("20", _h.Read(b, "/x/two").Text);
    }

    [Fact]
    public void Watches_fire_on_commit_only()
    {
        var a = _h.Server.Connect();
        var w = _h.Server.Connect();
        _h.Send(w, XsMessageType.Watch, Fields("/wt", "tok"));
        _h.Events(w);
        uint tx = _h.Begin(a);
        _h.Write(a, "/wt/a", "1", tx);
        Assert.Empty(_h.Events(w));
        _h.End(a, tx, commit: true);
        Assert.Equal(new[] { "/wt/a|tok" }, _h.Events(w));
    }

    [Fact]
    public void Transaction_errors_and_quota()
    {
        var a = _h.Server.Connect();
        Assert.Equal("ENOENT", _h.Read(a, "/", 12345).ErrorName);
        Assert.Equal("ENOENT", _h.End(a, 12345, commit: true).ErrorName);
        uint tx = _h.Begin(a);
        Assert.Equal("EINVAL", _h.Send(a, XsMessageType.TransactionEnd, Fields("X"), tx).ErrorName);
        Assert.Equal("EBUSY", _h.Send(a, XsMessageType.TransactionStart, Fields(""), tx).ErrorName);
        for (int i = 1; i < _h.Server.Quotas.TransactionsPerConnection; i++)
        {
            _h.Begin(a);
        }

        Assert.Equal("ENOSPC", _h.Send(a, XsMessageType.TransactionStart, Fields("")).ErrorName);
        Assert.Equal("OK\0", _h.Send(a, XsMessageType.ResetWatches, Fields("")).Text);
        Assert.NotEqual(0u, _h.Begin(a));
        Assert.Equal("ENOENT", _h.Read(a, "/", tx).ErrorName);
    }

    [Fact]
    public void Transaction_of_another_connection_is_not_usable()
    {
        var a = _h.Server.Connect();
        var b = _h.Server.Connect();
        uint tx = _h.Begin(a);
        Assert.Equal("ENOENT", _h.Write(b, "/steal", "x", tx).ErrorName);
    }

    [Fact]
    public void Transaction_storm_keeps_store_consistent()
    {
        var clients = Enumerable.Range(0, 8).Select(_ => _h.Server.Connect()).ToArray();
        _h.Write(clients[0], "/storm", "0");
        int committed = 0;
        var rng = new Random(42);
        for (int round = 0; round < 300; round++)
        {
            var open = clients.Select(c => (c, tx: _h.Begin(c))).ToArray();
            foreach (var (c, tx) in open.OrderBy(_ => rng.Next()))
            {
                int v = int.Parse(_h.Read(c, "/storm", tx).Text);
                _h.Write(c, "/storm", (v + 1).ToString(), tx);
            }

            foreach (var (c, tx) in open.OrderBy(_ => rng.Next()))
            {
                Reply r = _h.End(c, tx, commit: true);
                if (r.Type == XsMessageType.TransactionEnd)
                {
                    committed++;
                }
                else
                {
                    Assert.Equal("EAGAIN", r.ErrorName);
                }
            }
        }

        Assert.Equal(300, committed); // exactly one per round wins: every tx read the same value
        Assert.Equal("300", _h.Read(clients[0], "/storm").Text);
    }
}
