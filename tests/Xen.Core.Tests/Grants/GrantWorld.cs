// Two (or three) domains over real native memory, each with a fake vCPU backend (guest-linear = guest-physical),
// one DomainTable, the grant_table_op handler and memory_op, plus helpers that act like guest code: write
// argument structures into a domain's memory, make the hypercall, read OUT fields back.
using Xen.Core.Domains;
using Xen.Core.Grants;
using Xen.Core.Hypercalls;
using Xen.Core.Memory;
using Xen.Core.Public;
using Xen.Core.Tests.Domains;

namespace Xen.Core.Tests.Grants;

internal sealed unsafe class GrantWorld : IDisposable
{
    public const ulong Pages = 256;          // 1 MiB per domain (the mapper has 4 MiB)
    public const ulong MapperPages = 1024;
    public const ulong Arg = 0x1000;         // where argument structures go (gfn 1)
    public const ulong ListArea = 0x3000;    // frame lists (gfn 3)
    public const ushort D1 = 1, D2 = 2, D3 = 3;

    public readonly TestMemory Memory = new(16);
    public readonly CapturingConsole Console = new();
    public readonly DomainTable Domains = new();
    public readonly Domain Granter, Mapper, Third;
    public readonly FakeBackend GranterCpu = new(), MapperCpu = new(), ThirdCpu = new();
    public readonly GrantTableOpHypercall Handler;
    public readonly MemoryOpHypercall MemoryOp = new(new HypervisorIdentity());
    public readonly RecordingObserver GranterFrames = new(), MapperFrames = new();

    public GrantWorld()
    {
        Granter = Make(D1, "granter", GranterCpu, Pages);
        Mapper = Make(D2, "mapper", MapperCpu, MapperPages);
        Third = Make(D3, "third", ThirdCpu, Pages);
        Granter.P2m.Observer = GranterFrames;
        Mapper.P2m.Observer = MapperFrames;
        // The builder's job in the hypervisor: every domain has a table (version 0 until first use). Creating
        // them here from the test allocator also keeps memory_op's fallback allocator out of hosted tests.
        Granter.GrantTable = GrantTable.Create(Granter, Memory.Pages);
        Mapper.GrantTable = GrantTable.Create(Mapper, Memory.Pages);
        Third.GrantTable = GrantTable.Create(Third, Memory.Pages);
        Handler = new GrantTableOpHypercall(Domains, Memory.Pages);
    }

    private Domain Make(ushort id, string name, FakeBackend cpu, ulong pages)
    {
        P2m p2m = P2m.Allocate(Memory.Pages, pages) ?? throw new InvalidOperationException("no memory");
        var d = new Domain(id, name, p2m, 1, Console);
        d.Vcpus[0].Backend = cpu;
        Domains.Add(d);
        return d;
    }

    public GrantTable Table(Domain d) => d.GrantTable!;

    public bool IsAllocated(ulong page) => Memory.Pages->IsAllocated(page);

    public void Dispose() => Memory.Dispose();

    // ---- guest memory helpers ----
    public static void Put(Domain d, ulong gpa, ReadOnlySpan<byte> bytes) => Assert.Equal(0, d.P2m.Write(gpa, bytes));

    public static byte[] Get(Domain d, ulong gpa, int length)
    {
        var b = new byte[length];
        Assert.Equal(0, d.P2m.Read(gpa, b));
        return b;
    }

    public static void Fill(Domain d, ulong gfn, byte value)
    {
        var page = new byte[P2m.PageSize];
        Array.Fill(page, value);
        Put(d, gfn * P2m.PageSize, page);
    }

    public static void Pattern(Domain d, ulong gfn, byte seed)
    {
        var page = new byte[P2m.PageSize];
        for (int i = 0; i < page.Length; i++) page[i] = (byte)(seed + i * 7);
        Put(d, gfn * P2m.PageSize, page);
    }

    // ---- hypercalls ----
    public long Call(Domain d, int cmd, ulong uop, uint count, bool compat = false) =>
        Handler.Invoke(d.Vcpus[0], new HypercallArgs(HypercallNumber.GrantTableOp, (ulong)cmd, uop, count) { IsCompat = compat });

    public long AddToPhysmap(Domain d, ulong idx, ulong gpfn)
    {
        var a = new byte[Public.MemoryOp.AddToPhysmapSize];
        BitConverter.GetBytes(Public.MemoryOp.DomidSelf).CopyTo(a, 0);
        BitConverter.GetBytes(Public.MemoryOp.MapSpaceGrantTable).CopyTo(a, 4);
        BitConverter.GetBytes(idx).CopyTo(a, 8);
        BitConverter.GetBytes(gpfn).CopyTo(a, 16);
        Put(d, Arg, a);
        return MemoryOp.Invoke(d.Vcpus[0], new HypercallArgs(HypercallNumber.MemoryOp, (ulong)Public.MemoryOp.AddToPhysmap, Arg));
    }

    public long SetVersion(Domain d, uint version)
    {
        Put(d, Arg, BitConverter.GetBytes(version));
        return Call(d, GrantTableOp.SetVersion, Arg, 1);
    }

    /// <summary>map_grant_ref of (dom, gref) at guest-physical <paramref name="hostAddr"/>; status and handle.</summary>
    public (short Status, uint Handle) Map(Domain mapper, ushort dom, uint gref, ulong hostAddr, uint flags = GrantTableOp.GntmapHostMap)
    {
        Put(mapper, Arg, MapOp(hostAddr, flags, gref, dom));
        Assert.Equal(0, Call(mapper, GrantTableOp.MapGrantRef, Arg, 1));
        byte[] back = Get(mapper, Arg, GrantTableOp.MapSize);
        return (BitConverter.ToInt16(back, 18), BitConverter.ToUInt32(back, 20));
    }

    public static byte[] MapOp(ulong hostAddr, uint flags, uint gref, ushort dom)
    {
        var a = new byte[GrantTableOp.MapSize];
        BitConverter.GetBytes(hostAddr).CopyTo(a, 0);
        BitConverter.GetBytes(flags).CopyTo(a, 8);
        BitConverter.GetBytes(gref).CopyTo(a, 12);
        BitConverter.GetBytes(dom).CopyTo(a, 16);
        BitConverter.GetBytes((short)0x5555).CopyTo(a, 18); // poison: the call must overwrite status
        return a;
    }

    public short Unmap(Domain mapper, uint handle, ulong hostAddr, ulong devBusAddr = 0)
    {
        var a = new byte[GrantTableOp.UnmapSize];
        BitConverter.GetBytes(hostAddr).CopyTo(a, 0);
        BitConverter.GetBytes(devBusAddr).CopyTo(a, 8);
        BitConverter.GetBytes(handle).CopyTo(a, 16);
        BitConverter.GetBytes((short)0x5555).CopyTo(a, 20);
        Put(mapper, Arg, a);
        Assert.Equal(0, Call(mapper, GrantTableOp.UnmapGrantRef, Arg, 1));
        return BitConverter.ToInt16(Get(mapper, Arg + 20, 2));
    }

    public static byte[] CopyOp(ulong src, ushort srcDom, ushort srcOff, ulong dst, ushort dstDom, ushort dstOff, ushort len, ushort flags)
    {
        var a = new byte[GrantTableOp.CopySize];
        BitConverter.GetBytes(src).CopyTo(a, 0);
        BitConverter.GetBytes(srcDom).CopyTo(a, 8);
        BitConverter.GetBytes(srcOff).CopyTo(a, 10);
        BitConverter.GetBytes(dst).CopyTo(a, 16);
        BitConverter.GetBytes(dstDom).CopyTo(a, 24);
        BitConverter.GetBytes(dstOff).CopyTo(a, 26);
        BitConverter.GetBytes(len).CopyTo(a, 32);
        BitConverter.GetBytes(flags).CopyTo(a, 34);
        BitConverter.GetBytes((short)0x5555).CopyTo(a, 36);
        return a;
    }

    public short Copy(Domain caller, ulong src, ushort srcDom, ushort srcOff, ulong dst, ushort dstDom, ushort dstOff, ushort len, ushort flags)
    {
        Put(caller, Arg, CopyOp(src, srcDom, srcOff, dst, dstDom, dstOff, len, flags));
        Assert.Equal(0, Call(caller, GrantTableOp.Copy, Arg, 1));
        return BitConverter.ToInt16(Get(caller, Arg + 36, 2));
    }

    // ---- grant entries as the granting guest writes them (through its mapped grant frame 0) ----
    public const ulong GrantFrameGfn = 0x80;

    /// <summary>Maps the granter's shared frame 0 at <see cref="GrantFrameGfn"/> (version 1 unless chosen).</summary>
    public void ShowGrantFrame(Domain d) => Assert.Equal(0, AddToPhysmap(d, 0, GrantFrameGfn));

    /// <summary>grant_entry_v1: domid and frame first, then flags (the header's ordering rule).</summary>
    public static void GrantV1(Domain d, uint gref, ushort domid, uint frame, ushort flags)
    {
        ulong at = GrantFrameGfn * P2m.PageSize + gref * 8;
        Put(d, at + 2, BitConverter.GetBytes(domid));
        Put(d, at + 4, BitConverter.GetBytes(frame));
        Put(d, at, BitConverter.GetBytes(flags));
    }

    public static ushort FlagsV1(Domain d, uint gref) => BitConverter.ToUInt16(Get(d, GrantFrameGfn * P2m.PageSize + gref * 8, 2));

    /// <summary>grant_entry_v2 full_page (or sub_page when <paramref name="length"/> is set).</summary>
    public static void GrantV2(Domain d, uint gref, ushort domid, ulong frame, ushort flags, ushort pageOff = 0, ushort length = 0)
    {
        ulong at = GrantFrameGfn * P2m.PageSize + gref * 16;
        Put(d, at + 2, BitConverter.GetBytes(domid));
        Put(d, at + 4, BitConverter.GetBytes(pageOff));
        Put(d, at + 6, BitConverter.GetBytes(length));
        Put(d, at + 8, BitConverter.GetBytes(frame));
        Put(d, at, BitConverter.GetBytes(flags));
    }
}

/// <summary>Records P2M change notifications.</summary>
internal sealed class RecordingObserver : IP2mObserver
{
    public readonly List<ulong> Changed = new();
    public void FrameChanged(ulong gfn) => Changed.Add(gfn);
}
