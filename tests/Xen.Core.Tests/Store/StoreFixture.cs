// Two domains over hosted memory connected to one HypervisorXenstore, and a guest-side ring client that
// drives each domain's xenstore page exactly as a guest would (docs/misc/xenstore-ring.txt): request bytes
// at req_prod, EVTCHNOP_send on the store port, replies read from rsp[] up to rsp_prod.
using System.Text;
using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Memory;
using Xen.Core.Public;
using Xen.Core.Store;
using Xen.Core.Tests.Domains;

namespace Xen.Core.Tests.Store;

internal sealed unsafe class StoreFixture : IDisposable
{
    public readonly TestMemory Memory = new(16);
    public readonly CapturingConsole Console = new();
    public readonly HypervisorXenstore Xenstore = new();
    public readonly DomainTable Domains = new();

    public Domain Create(ushort id, string name, ulong pages = 64)
    {
        P2m p2m = P2m.Allocate(Memory.Pages, pages) ?? throw new InvalidOperationException("no memory");
        var d = new Domain(id, name, p2m, 1, Console);
        ulong sharedInfo = Memory.Pages->AllocatePages(1);
        new Span<byte>((void*)sharedInfo, SharedInfoPage.Size).Clear();
        d.SharedInfo = new SharedInfoPage(sharedInfo);
        d.Vcpus[0].Backend = new FakeBackend();
        Domains.Add(d);
        Assert.Equal(0, Xenstore.Attach(d));
        return d;
    }

    public void Dispose() => Memory.Dispose();
}

/// <summary>A reply or watch event read from the response ring.</summary>
internal readonly record struct StoreReply(uint Type, uint RequestId, uint TransactionId, byte[] Payload)
{
    public string Text => Encoding.ASCII.GetString(Payload).TrimEnd('\0');

    public string[] Fields => Encoding.ASCII.GetString(Payload).Split('\0', StringSplitOptions.RemoveEmptyEntries);

    public bool IsError => Type == 16;
}

/// <summary>The guest end of a domain's xenstore ring, on the ring page's host memory.</summary>
internal sealed unsafe class GuestStoreRing
{
    private const int Req = 0, Rsp = 1024, ReqCons = 2048, ReqProd = 2052, RspCons = 2056, RspProd = 2060;
    private readonly Domain _domain;
    private readonly byte* _page;
    private readonly List<byte> _pending = new();
    private uint _nextId = 1;

    public GuestStoreRing(Domain domain)
    {
        _domain = domain;
        ulong gfn = domain.HvmParams[HvmOp.ParamStorePfn];
        Assert.True(domain.P2m.TryTranslate(gfn * P2m.PageSize, out ulong host));
        _page = (byte*)host;
        Port = (uint)domain.HvmParams[HvmOp.ParamStoreEvtchn];
    }

    public uint Port { get; }

    public byte* Page => _page;

    public ref uint U32(int offset) => ref *(uint*)(_page + offset);

    public void Put(byte[] bytes)
    {
        uint prod = U32(ReqProd);
        foreach (byte b in bytes)
        {
            Assert.True(prod - U32(ReqCons) < 1024, "guest request ring full");
            _page[Req + (prod & 1023)] = b;
            prod++;
        }
        U32(ReqProd) = prod;
    }

    /// <summary>EVTCHNOP_send on the store port through the hypercall dispatcher, as the guest does.</summary>
    public long Send(DomainTable? domains = null)
    {
        _domain.P2m.Write(0x1000, BitConverter.GetBytes(Port));
        return HypercallDispatcher.CreateDefault(new HypervisorIdentity(), domains).Dispatch(_domain.Vcpus[0],
            new HypercallArgs(HypercallNumber.EventChannelOp, EventChannelOp.Send, 0x1000));
    }

    public static byte[] Message(uint type, uint id, string payload, uint tx = 0)
    {
        byte[] p = Encoding.ASCII.GetBytes(payload);
        byte[] m = new byte[16 + p.Length];
        BitConverter.GetBytes(type).CopyTo(m, 0);
        BitConverter.GetBytes(id).CopyTo(m, 4);
        BitConverter.GetBytes(tx).CopyTo(m, 8);
        BitConverter.GetBytes((uint)p.Length).CopyTo(m, 12);
        p.CopyTo(m, 16);
        return m;
    }

    /// <summary>Everything on the response ring, parsed into messages (partial ones stay buffered).</summary>
    public List<StoreReply> Take()
    {
        uint cons = U32(RspCons);
        while (cons != U32(RspProd)) _pending.Add(_page[Rsp + (cons++ & 1023)]);
        U32(RspCons) = cons;
        var result = new List<StoreReply>();
        while (_pending.Count >= 16)
        {
            byte[] head = _pending.GetRange(0, 16).ToArray();
            int len = (int)BitConverter.ToUInt32(head, 12);
            if (_pending.Count < 16 + len) break;
            result.Add(new StoreReply(BitConverter.ToUInt32(head, 0), BitConverter.ToUInt32(head, 4),
                BitConverter.ToUInt32(head, 8), _pending.GetRange(16, len).ToArray()));
            _pending.RemoveRange(0, 16 + len);
        }
        return result;
    }

    /// <summary>One request, one send, its reply.</summary>
    public StoreReply Request(uint type, string payload, DomainTable? domains = null)
    {
        uint id = _nextId++;
        Put(Message(type, id, payload));
        Assert.Equal(0, Send(domains));
        List<StoreReply> replies = Take();
        foreach (StoreReply r in replies)
            if (r.RequestId == id && r.Type != 15) return r;
        throw new Xunit.Sdk.XunitException("no reply to request " + id);
    }
}
