// GNTTABOP_copy between two domains in both directions, and its error codes in Xen's order.
using Xen.Core.Memory;
using Xen.Core.Public;
using static Xen.Core.Tests.Grants.GrantWorld;

namespace Xen.Core.Tests.Grants;

public sealed class GrantCopyTests : IDisposable
{
    private const ulong Shared = 0x20, Local = 0x30;
    private const ushort Self = MemoryOp.DomidSelf;
    private const ushort Src = GrantTableOp.GntcopySourceGref, Dst = GrantTableOp.GntcopyDestGref;
    private readonly GrantWorld _w = new();

    public GrantCopyTests()
    {
        _w.ShowGrantFrame(_w.Granter);
        Pattern(_w.Granter, Shared, 9);
        Pattern(_w.Mapper, Local, 200);
        GrantV1(_w.Granter, 8, D2, (uint)Shared, GrantTableOp.GtfPermitAccess);
        GrantV1(_w.Granter, 9, D2, (uint)Shared, GrantTableOp.GtfPermitAccess | GrantTableOp.GtfReadonly);
    }

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Copy_from_a_grant_into_own_memory()
    {
        Assert.Equal(GrantTableOp.Okay, _w.Copy(_w.Mapper, 9, D1, 100, Local, Self, 10, 500, Src));
        Assert.Equal(Get(_w.Granter, Shared * P2m.PageSize + 100, 500), Get(_w.Mapper, Local * P2m.PageSize + 10, 500));
        Assert.Equal(GrantTableOp.GtfPermitAccess | GrantTableOp.GtfReadonly, FlagsV1(_w.Granter, 9)); // unpinned again
        Assert.False(_w.Table(_w.Granter).IsPinned(9));
    }

    [Fact]
    public void Copy_from_own_memory_into_a_writable_grant()
    {
        Assert.Equal(GrantTableOp.Okay, _w.Copy(_w.Mapper, Local, Self, 0, 8, D1, 4000, 96, Dst));
        Assert.Equal(Get(_w.Mapper, Local * P2m.PageSize, 96), Get(_w.Granter, Shared * P2m.PageSize + 4000, 96));
        Assert.Equal(GrantTableOp.GtfPermitAccess, FlagsV1(_w.Granter, 8));
    }

    [Fact]
    public void Copy_grant_to_grant_and_whole_pages()
    {
        GrantV1(_w.Granter, 10, D2, 0x21, GrantTableOp.GtfPermitAccess);
        Assert.Equal(GrantTableOp.Okay, _w.Copy(_w.Mapper, 8, D1, 0, 10, D1, 0, 4096, (ushort)(Src | Dst)));
        Assert.Equal(Get(_w.Granter, Shared * P2m.PageSize, 4096), Get(_w.Granter, 0x21 * P2m.PageSize, 4096));
        Assert.Equal(GrantTableOp.Okay, _w.Copy(_w.Mapper, Local, Self, 0, Local + 1, Self, 0, 4096, 0)); // plain local copy
        Assert.Equal(Get(_w.Mapper, Local * P2m.PageSize, 4096), Get(_w.Mapper, (Local + 1) * P2m.PageSize, 4096));
    }

    [Fact]
    public void Copy_errors()
    {
        byte[] before = Get(_w.Granter, Shared * P2m.PageSize, 4096);
        Assert.Equal(GrantTableOp.GeneralError, _w.Copy(_w.Mapper, Local, Self, 0, 9, D1, 0, 16, Dst));           // r/o grant as destination
        Assert.Equal(GrantTableOp.PermissionDenied, _w.Copy(_w.Mapper, Shared, D1, 0, Local, Self, 0, 16, 0));     // foreign gmfn
        Assert.Equal(GrantTableOp.PermissionDenied, _w.Copy(_w.Mapper, Local, D2, 0, Local + 1, Self, 0, 16, 0));  // own id instead of DOMID_SELF
        Assert.Equal(GrantTableOp.BadDomain, _w.Copy(_w.Mapper, 8, 77, 0, Local, Self, 0, 16, Src));
        Assert.Equal(GrantTableOp.BadGntref, _w.Copy(_w.Mapper, 5000, D1, 0, Local, Self, 0, 16, Src));
        Assert.Equal(GrantTableOp.GeneralError, _w.Copy(_w.Third, 8, D1, 0, Local, Self, 0, 16, Src));           // granted to d2, not d3
        Assert.Equal(GrantTableOp.BadPage, _w.Copy(_w.Mapper, 8, D1, 0, MapperPages + 5, Self, 0, 16, Src));      // no such own frame
        Assert.Equal(GrantTableOp.BadCopyArg, _w.Copy(_w.Mapper, 8, D1, 4000, Local, Self, 0, 200, Src));         // source crosses the page
        Assert.Equal(GrantTableOp.BadCopyArg, _w.Copy(_w.Mapper, Local, Self, 0, 8, D1, 4095, 2, Dst));
        Assert.Equal(GrantTableOp.GeneralError, _w.Copy(_w.Mapper, 8, D3, 0, Local, Self, 0, 16, Src));           // d3 table not set up
        Assert.Equal(before, Get(_w.Granter, Shared * P2m.PageSize, 4096));
        Assert.Equal(GrantTableOp.GtfPermitAccess, FlagsV1(_w.Granter, 8));
        Assert.Equal(GrantTableOp.GtfPermitAccess | GrantTableOp.GtfReadonly, FlagsV1(_w.Granter, 9));
    }

    [Fact]
    public void Batch_reports_status_per_element_and_compat_layout_works()
    {
        var batch = new byte[3 * GrantTableOp.CopySize];
        CopyOp(8, D1, 0, Local, Self, 0, 64, Src).CopyTo(batch, 0);
        CopyOp(4242, D1, 0, Local, Self, 0, 64, Src).CopyTo(batch, GrantTableOp.CopySize);
        CopyOp(8, D1, 64, Local, Self, 64, 64, Src).CopyTo(batch, 2 * GrantTableOp.CopySize);
        Put(_w.Mapper, Arg, batch);
        Assert.Equal(0, _w.Call(_w.Mapper, GrantTableOp.Copy, Arg, 3));
        Assert.Equal(GrantTableOp.Okay, BitConverter.ToInt16(Get(_w.Mapper, Arg + 36, 2)));
        Assert.Equal(GrantTableOp.BadGntref, BitConverter.ToInt16(Get(_w.Mapper, Arg + 40 + 36, 2)));
        Assert.Equal(GrantTableOp.Okay, BitConverter.ToInt16(Get(_w.Mapper, Arg + 80 + 36, 2)));
        Assert.Equal(Get(_w.Granter, Shared * P2m.PageSize, 128), Get(_w.Mapper, Local * P2m.PageSize, 128));

        // compat_gnttab_copy: {u32 ref/gmfn, domid, offset} × 2, len @16, flags @18, status @20.
        var c = new byte[GrantTableOp.CopyCompatSize];
        BitConverter.GetBytes((uint)Local).CopyTo(c, 0);
        BitConverter.GetBytes(Self).CopyTo(c, 4);
        BitConverter.GetBytes((uint)8).CopyTo(c, 8);
        BitConverter.GetBytes(D1).CopyTo(c, 12);
        BitConverter.GetBytes((ushort)2048).CopyTo(c, 14);
        BitConverter.GetBytes((ushort)32).CopyTo(c, 16);
        BitConverter.GetBytes(Dst).CopyTo(c, 18);
        BitConverter.GetBytes((short)0x5555).CopyTo(c, 20);
        Put(_w.Mapper, Arg, c);
        Assert.Equal(0, _w.Call(_w.Mapper, GrantTableOp.Copy, Arg, 1, compat: true));
        Assert.Equal(GrantTableOp.Okay, BitConverter.ToInt16(Get(_w.Mapper, Arg + 20, 2)));
        Assert.Equal(Get(_w.Mapper, Local * P2m.PageSize, 32), Get(_w.Granter, Shared * P2m.PageSize + 2048, 32));
    }
}
