// The guest end of the xenstore ring (docs/misc/xenstore-ring.txt, public/io/xs_wire.h): HVM_PARAM_STORE_PFN (1)
// names the xenstore_domain_interface page — req[1024] @0, rsp[1024] @1024, req_cons @2048, req_prod @2052,
// rsp_cons @2056, rsp_prod @2060, free-running indexes masked by 1023 — and HVM_PARAM_STORE_EVTCHN (2) the port.
// A request is the 16-byte xsd_sockmsg {type, req_id, tx_id, len} plus len payload bytes written at req_prod,
// published after a barrier and signalled on the port; the reply (same req_id) arrives on rsp. Watch events
// (type 15) that arrive first are skipped. Layouts are repeated here from Xen's headers on purpose.
using System.Threading;

namespace Xen.Guest.Kit;

/// <summary>Synchronous xenstore requests over the domain's ring.</summary>
internal static unsafe class XenStoreClient
{
    internal const uint ParamStorePfn = 1, ParamStoreEvtchn = 2;
    internal const uint Directory = 1, Read = 2, GetPerms = 3, Write = 11, Mkdir = 12, Rm = 13, WatchEvent = 15, Error = 16;
    private const int Req = 0, Rsp = 1024, ReqCons = 2048, ReqProd = 2052, RspCons = 2056, RspProd = 2060, RingSize = 1024;
    private const int HeaderSize = 16, PayloadMax = 4096;

    private static byte* s_page;
    private static uint s_port;
    private static uint s_nextId = 1;

    /// <summary>The ring page (guest-physical = linear in test guests).</summary>
    internal static byte* Page => s_page;

    /// <summary>The store port.</summary>
    internal static uint Port => s_port;

    /// <summary>Reads params 1/2; false if the domain has no store.</summary>
    internal static bool Initialize()
    {
        ulong pfn = XenEvents.GetParam(ParamStorePfn, out long rc);
        if (rc != 0 || pfn == 0) return false;
        ulong port = XenEvents.GetParam(ParamStoreEvtchn, out rc);
        if (rc != 0 || port == 0) return false;
        s_page = (byte*)(pfn * 4096);
        s_port = (uint)port;
        return true;
    }

    /// <summary>Sends request <paramref name="type"/> with <paramref name="payload"/> and copies the reply's payload to
    /// <paramref name="reply"/>. Returns the reply payload length (whole, even if longer than the buffer) or -1 when
    /// the ring failed; <paramref name="replyType"/> is the reply's type (16 = ERROR, payload = the errno name).</summary>
    internal static int Request(uint type, byte* payload, int length, byte* reply, int capacity, out uint replyType)
    {
        replyType = Error;
        if (s_page == null || length > PayloadMax) return -1;
        uint id = s_nextId++;
        byte* header = stackalloc byte[HeaderSize];
        *(uint*)header = type;
        *(uint*)(header + 4) = id;
        *(uint*)(header + 8) = 0;
        *(uint*)(header + 12) = (uint)length;
        if (!Put(header, HeaderSize) || !Put(payload, length)) return -1;
        Signal();
        byte* scratch = stackalloc byte[1];
        while (true)
        {
            if (!Take(header, HeaderSize)) return -1;
            uint len = *(uint*)(header + 12);
            if (len > PayloadMax) return -1;
            uint replyId = *(uint*)(header + 4);
            uint t = *(uint*)header;
            for (uint i = 0; i < len; i++)
                if (!Take(i < (uint)capacity ? reply + i : scratch, 1)) return -1;
            if (t == WatchEvent || replyId != id) continue;
            replyType = t;
            return (int)len;
        }
    }

    /// <summary><see cref="Request"/> with a payload of NUL-separated ASCII fields: <paramref name="first"/>\0 and, if
    /// <paramref name="second"/> is not null, its bytes (a WRITE's value has no terminating NUL).</summary>
    internal static int Request(uint type, string first, string? second, byte* reply, int capacity, out uint replyType)
    {
        byte* p = stackalloc byte[512];
        int n = 0;
        for (int i = 0; i < first.Length && n < 500; i++) p[n++] = (byte)first[i];
        p[n++] = 0;
        if (second is not null)
            for (int i = 0; i < second.Length && n < 511; i++) p[n++] = (byte)second[i];
        return Request(type, p, n, reply, capacity, out replyType);
    }

    /// <summary>True if the <paramref name="length"/> bytes at <paramref name="bytes"/> are <paramref name="text"/>
    /// (a trailing NUL in the bytes is ignored).</summary>
    internal static bool SameText(byte* bytes, int length, string text)
    {
        if (length > 0 && bytes[length - 1] == 0) length--;
        if (length != text.Length) return false;
        for (int i = 0; i < length; i++)
            if (bytes[i] != text[i]) return false;
        return true;
    }

    /// <summary>True if the NUL-separated list at <paramref name="bytes"/> contains <paramref name="name"/>.</summary>
    internal static bool ListContains(byte* bytes, int length, string name)
    {
        int start = 0;
        for (int i = 0; i <= length; i++)
        {
            if (i < length && bytes[i] != 0) continue;
            if (SameText(bytes + start, i - start, name)) return true;
            start = i + 1;
        }
        return false;
    }

    private static ref uint U32(int offset) => ref *(uint*)(s_page + offset);

    private static void Signal() => XenEvents.PortOp(XenEvents.EvtchnSend, s_port);

    private static bool Put(byte* data, int length)
    {
        uint prod = Volatile.Read(ref U32(ReqProd));
        for (int i = 0; i < length; i++)
        {
            for (int spin = 0; prod - Volatile.Read(ref U32(ReqCons)) >= RingSize; spin++)
            {
                if (spin > 1000) return false;
                Interlocked.MemoryBarrier();
                Volatile.Write(ref U32(ReqProd), prod);
                Signal();
            }
            s_page[Req + (prod & (RingSize - 1))] = data[i];
            prod++;
        }
        Interlocked.MemoryBarrier(); // data before the producer index (xenstore-ring.txt)
        Volatile.Write(ref U32(ReqProd), prod);
        return true;
    }

    private static bool Take(byte* data, int length)
    {
        uint cons = Volatile.Read(ref U32(RspCons));
        for (int i = 0; i < length; i++)
        {
            // The hypervisor answers inside EVTCHNOP_send; re-signal if a reply is still incomplete.
            for (int spin = 0; cons == Volatile.Read(ref U32(RspProd)); spin++)
            {
                if (spin > 1000) return false;
                Volatile.Write(ref U32(RspCons), cons);
                Signal();
            }
            Interlocked.MemoryBarrier(); // index before data
            data[i] = s_page[Rsp + (cons & (RingSize - 1))];
            cons++;
        }
        Interlocked.MemoryBarrier(); // data consumed before the space is handed back
        Volatile.Write(ref U32(RspCons), cons);
        return true;
    }
}
