// The hypervisor end of a domain's PV console (xen/include/public/io/console.h): struct xencons_interface
// is one page — char in[1024] @0, char out[2048] @1024, then XENCONS_RING_IDX (uint32) in_cons @3072,
// in_prod @3076, out_cons @3080, out_prod @3084. Indexes run freely and are masked by the ring size. The guest
// writes bytes to out, then (after a write barrier) advances out_prod and notifies its console event channel;
// the hypervisor reads out_prod, barriers, copies [out_cons, out_prod) to the domain's console (printed as
// `(d<domid>) ` lines), barriers, publishes out_cons and notifies the guest so it can wait for space — what
// xenconsoled does in Xen. A guest that claims more than 2048 unread bytes gets its ring resynchronised
// (the bogus range is dropped) rather than trusted.
using System.Threading;
using Xen.Core.Domains;
using Xen.Core.Events;
using Xen.Core.Memory;

namespace Xen.Core.Console;

/// <summary>Drains one domain's xencons_interface out ring.</summary>
public sealed unsafe class PvConsoleRing : IPortListener
{
    /// <summary>Bytes in the in ring.</summary>
    public const int InSize = 1024;
    /// <summary>Bytes in the out ring.</summary>
    public const int OutSize = 2048;
    /// <summary>Offset of out[].</summary>
    public const int OutOffset = 1024;
    /// <summary>Offset of in_cons.</summary>
    public const int InConsOffset = 3072;
    /// <summary>Offset of in_prod.</summary>
    public const int InProdOffset = 3076;
    /// <summary>Offset of out_cons.</summary>
    public const int OutConsOffset = 3080;
    /// <summary>Offset of out_prod.</summary>
    public const int OutProdOffset = 3084;

    private readonly Domain _domain;

    /// <summary>Serves the ring in guest frame <paramref name="gfn"/>, notified on <paramref name="port"/>.</summary>
    public PvConsoleRing(Domain domain, ulong gfn, uint port)
    {
        _domain = domain;
        Gfn = gfn;
        Port = port;
    }

    /// <summary>The ring's guest frame (HVM_PARAM_CONSOLE_PFN).</summary>
    public ulong Gfn { get; }

    /// <summary>The guest's console port (HVM_PARAM_CONSOLE_EVTCHN).</summary>
    public uint Port { get; }

    /// <summary>Bytes copied to the console so far.</summary>
    public ulong BytesDrained { get; private set; }

    /// <summary>Times the guest handed the hypervisor a corrupt index pair.</summary>
    public ulong Resyncs { get; private set; }

    /// <inheritdoc />
    public void Notify() => Drain();

    /// <summary>Copies every unread byte of out to the domain console; returns the byte count.</summary>
    public int Drain()
    {
        if (!_domain.P2m.TryTranslate(Gfn * P2m.PageSize, out ulong host)) return 0;
        byte* page = (byte*)host;
        uint cons = Volatile.Read(ref *(uint*)(page + OutConsOffset));
        uint prod = Volatile.Read(ref *(uint*)(page + OutProdOffset));
        Interlocked.MemoryBarrier(); // indexes before data
        uint count = prod - cons;
        if (count > OutSize)
        {
            Resyncs++;
            count = 0;
            cons = prod;
        }
        uint start = cons & (OutSize - 1);
        uint first = count < OutSize - start ? count : OutSize - start;
        _domain.Console.Write(new System.ReadOnlySpan<byte>(page + OutOffset + start, (int)first));
        if (count > first) _domain.Console.Write(new System.ReadOnlySpan<byte>(page + OutOffset, (int)(count - first)));
        Interlocked.MemoryBarrier(); // data consumed before the space is given back
        Volatile.Write(ref *(uint*)(page + OutConsOffset), cons + count);
        BytesDrained += count;
        if (count > 0)
            TwoLevelEvents.SetPending(_domain, _domain.EventChannels.NotifyVcpuOf(Port), Port);
        return (int)count;
    }
}
