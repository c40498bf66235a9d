using System.Diagnostics;
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Public;

namespace Xen.Core.Tests.Domains;

public sealed class PvConsoleRingTests : IDisposable
{
    private readonly TestDomain _t = new();
    private readonly PvConsoleRing _ring;
    private readonly ulong _page;

    public PvConsoleRingTests()
    {
        ulong gfn = SpecialPages.ConsoleGfn(_t.Domain.P2m);
        int port = _t.Domain.EventChannels.AllocUnbound(0);
        _ring = new PvConsoleRing(_t.Domain, gfn, (uint)port);
        Assert.True(_t.Domain.EventChannels.AttachListener((uint)port, _ring));
        _page = gfn * 4096;
        _t.Domain.P2m.Clear(_page, 4096);
    }

    public void Dispose() => _t.Dispose();

    private uint Index(int offset)
    {
        byte[] b = new byte[4];
        _t.Domain.P2m.Read(_page + (ulong)offset, b);
        return BitConverter.ToUInt32(b);
    }

    // The guest side of console.h: bytes into out[prod & 2047], then out_prod.
    private void GuestWrite(string text)
    {
        uint prod = Index(PvConsoleRing.OutProdOffset);
        foreach (char c in text)
        {
            _t.Domain.P2m.Write(_page + PvConsoleRing.OutOffset + (prod & 2047), new[] { (byte)c });
            prod++;
        }
        _t.Domain.P2m.Write(_page + PvConsoleRing.OutProdOffset, BitConverter.GetBytes(prod));
    }

    private long Send() => HypercallDispatcher.CreateDefault(new HypervisorIdentity()).Dispatch(_t.Vcpu,
        new HypercallArgs(HypercallNumber.EventChannelOp, EventChannelOp.Send, 0x1000));

    [Fact]
    public void Layout_matches_console_h()
    {
        Assert.Equal(1024, PvConsoleRing.OutOffset);
        Assert.Equal(PvConsoleRing.OutOffset + PvConsoleRing.OutSize, PvConsoleRing.InConsOffset);
        Assert.Equal(3076, PvConsoleRing.InProdOffset);
        Assert.Equal(3080, PvConsoleRing.OutConsOffset);
        Assert.Equal(3084, PvConsoleRing.OutProdOffset);
    }

    [Fact]
    public void A_send_on_the_console_port_prints_the_ring_with_the_domain_prefix_and_notifies_back()
    {
        GuestWrite("ring hello\npart");
        _t.Domain.P2m.Write(0x1000, BitConverter.GetBytes(_ring.Port));
        Assert.Equal(0, Send());
        Assert.Equal(new[] { "(d1) ring hello" }, _t.Console.Lines);
        Assert.Equal(Index(PvConsoleRing.OutProdOffset), Index(PvConsoleRing.OutConsOffset));
        Assert.NotEqual(0UL, _t.Domain.SharedInfo!.ReadUInt64(SharedInfoLayout.EvtchnPending) & (1UL << (int)_ring.Port));
        GuestWrite("ial\n");
        _ring.Drain();
        Assert.Equal("(d1) partial", _t.Console.Lines[^1]);
        Assert.Equal(15UL + 4, _ring.BytesDrained);
    }

    [Fact]
    public void Wrapping_indexes_and_a_full_ring_are_drained_in_order()
    {
        uint start = uint.MaxValue - 5; // the 32-bit indexes wrap while the ring is in use
        _t.Domain.P2m.Write(_page + PvConsoleRing.OutConsOffset, BitConverter.GetBytes(start));
        _t.Domain.P2m.Write(_page + PvConsoleRing.OutProdOffset, BitConverter.GetBytes(start));
        string line = new string('x', 99) + "\n";
        GuestWrite(string.Concat(Enumerable.Repeat(line, 20)) + new string('y', 47) + "\n"); // exactly 2048 bytes
        Assert.Equal(2048, _ring.Drain());
        Assert.Equal(21, _t.Console.Lines.Length);
        Assert.Equal("(d1) " + new string('y', 47), _t.Console.Lines[^1]);
    }

    [Fact]
    public void A_corrupt_producer_index_is_resynchronised_not_trusted()
    {
        _t.Domain.P2m.Write(_page + PvConsoleRing.OutProdOffset, BitConverter.GetBytes(1_000_000u));
        Assert.Equal(0, _ring.Drain());
        Assert.Equal(1UL, _ring.Resyncs);
        Assert.Equal(1_000_000u, Index(PvConsoleRing.OutConsOffset));
        Assert.Empty(_t.Console.Lines);
    }

    [Fact]
    public void Throughput_of_the_drain_path()
    {
        string chunk = new string('z', 63) + "\n";
        var watch = Stopwatch.StartNew();
        long bytes = 0;
        for (int i = 0; i < 2000; i++)
        {
            GuestWrite(chunk);
            bytes += _ring.Drain();
        }
        watch.Stop();
        Assert.Equal(2000L * 64, bytes);
        System.Console.WriteLine($"pv console drain: {bytes / watch.Elapsed.TotalSeconds / 1e6:F1} MB/s hosted");
    }
}
