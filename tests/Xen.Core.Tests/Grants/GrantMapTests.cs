// Two-domain grant mapping on hosted memory: d1 grants a page, d2 maps it at one of its guest-physical frames,
// both see the same bytes, unmap puts d2's own page back. Plus every map/unmap error with Xen's GNTST code.
using Xen.Core.Grants;
using Xen.Core.Memory;
using Xen.Core.Public;
using static Xen.Core.Tests.Grants.GrantWorld;

namespace Xen.Core.Tests.Grants;

public sealed class GrantMapTests : IDisposable
{
    private const uint Ref = 8;
    private const ulong Shared = 0x20;  // d1's granted frame
    private const ulong Target = 0x40;  // d2's frame the grant is mapped at
    private const ushort Rw = GrantTableOp.GtfPermitAccess;
    private const ushort Ro = GrantTableOp.GtfPermitAccess | GrantTableOp.GtfReadonly;
    private readonly GrantWorld _w = new();

    public GrantMapTests()
    {
        _w.ShowGrantFrame(_w.Granter);
        Pattern(_w.Granter, Shared, 3);
        Fill(_w.Mapper, Target, 0x11);
    }

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Grant_map_share_unmap_restores_the_mappers_page()
    {
        ulong ownPage = _w.Mapper.P2m.HostPage(Target);
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Rw);

        var (status, handle) = _w.Map(_w.Mapper, D1, Ref, Target * P2m.PageSize);

        Assert.Equal(GrantTableOp.Okay, status);
        Assert.Equal(0u, handle);
        Assert.Equal(_w.Granter.P2m.HostPage(Shared), _w.Mapper.P2m.HostPage(Target));
        Assert.Equal(Get(_w.Granter, Shared * P2m.PageSize, 4096), Get(_w.Mapper, Target * P2m.PageSize, 4096));
        Assert.Equal(Rw | GrantTableOp.GtfReading | GrantTableOp.GtfWriting, FlagsV1(_w.Granter, Ref));
        Assert.Contains(Target, _w.MapperFrames.Changed);

        Put(_w.Mapper, Target * P2m.PageSize + 100, "answer"u8);
        Assert.Equal("answer"u8.ToArray(), Get(_w.Granter, Shared * P2m.PageSize + 100, 6));

        Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, handle, Target * P2m.PageSize));
        Assert.Equal(ownPage, _w.Mapper.P2m.HostPage(Target));
        Assert.All(Get(_w.Mapper, Target * P2m.PageSize, 4096), b => Assert.Equal(0x11, b));
        Assert.Equal(Rw, FlagsV1(_w.Granter, Ref));
        Assert.Equal(0, _w.Table(_w.Mapper).MappingCount);
        Assert.False(_w.Mapper.P2m.IsForeign(Target));
        Assert.Equal(2, _w.MapperFrames.Changed.Count(g => g == Target));
    }

    [Fact]
    public void Readonly_grant_maps_readonly_and_the_mapping_refuses_writes()
    {
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Ro);
        var (status, handle) = _w.Map(_w.Mapper, D1, Ref, Target * P2m.PageSize, GrantTableOp.GntmapHostMap | GrantTableOp.GntmapReadonly);
        Assert.Equal(GrantTableOp.Okay, status);
        Assert.True(_w.Mapper.P2m.IsReadOnly(Target));
        Assert.Equal(Ro | GrantTableOp.GtfReading, FlagsV1(_w.Granter, Ref));
        Assert.Equal(-XenErrno.EFAULT, _w.Mapper.P2m.Write(Target * P2m.PageSize, new byte[1]));
        Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, handle, Target * P2m.PageSize));
        Assert.Equal(Ro, FlagsV1(_w.Granter, Ref));
    }

    [Fact]
    public void Readonly_grant_mapped_writable_is_general_error_and_pins_nothing()
    {
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Ro);
        Assert.Equal(GrantTableOp.GeneralError, _w.Map(_w.Mapper, D1, Ref, Target * P2m.PageSize).Status);
        Assert.Equal(Ro, FlagsV1(_w.Granter, Ref));
        Assert.False(_w.Mapper.P2m.IsForeign(Target));
        Assert.Equal(0, _w.Table(_w.Mapper).MappingCount);
    }

    [Fact]
    public void Two_maps_of_one_grant_share_the_pin_and_the_last_unmap_clears_the_flags()
    {
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Rw);
        var a = _w.Map(_w.Mapper, D1, Ref, Target * P2m.PageSize);
        var b = _w.Map(_w.Mapper, D1, Ref, (Target + 1) * P2m.PageSize, GrantTableOp.GntmapHostMap | GrantTableOp.GntmapReadonly);
        Assert.Equal((GrantTableOp.Okay, GrantTableOp.Okay), (a.Status, b.Status));
        Assert.NotEqual(a.Handle, b.Handle);
        Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, a.Handle, Target * P2m.PageSize));
        Assert.Equal(Rw | GrantTableOp.GtfReading, FlagsV1(_w.Granter, Ref)); // the read-only map still holds it
        Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, b.Handle, (Target + 1) * P2m.PageSize));
        Assert.Equal(Rw, FlagsV1(_w.Granter, Ref));
    }

    [Theory]
    [InlineData(0u, GrantTableOp.BadGntref)]                                   // neither host nor device map
    [InlineData(GrantTableOp.GntmapDeviceMap, GrantTableOp.GeneralError)]       // device maps: not for translated guests
    [InlineData(GrantTableOp.GntmapHostMap | GrantTableOp.GntmapContainsPte, GrantTableOp.GeneralError)]
    [InlineData(GrantTableOp.GntmapHostMap | GrantTableOp.GntmapApplicationMap, GrantTableOp.GeneralError)]
    public void Bad_map_flags(uint flags, short expected)
    {
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Rw);
        Assert.Equal(expected, _w.Map(_w.Mapper, D1, Ref, Target * P2m.PageSize, flags).Status);
        Assert.Equal(Rw, FlagsV1(_w.Granter, Ref));
    }

    [Fact]
    public void Map_errors_use_xens_status_codes()
    {
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Rw);
        uint entries = _w.Table(_w.Granter).EntryCount;
        Assert.Equal(GrantTable4x512, entries);
        Assert.Equal(GrantTableOp.BadGntref, _w.Map(_w.Mapper, D1, entries, Target * P2m.PageSize).Status);
        Assert.Equal(GrantTableOp.BadGntref, _w.Map(_w.Mapper, D1, uint.MaxValue, Target * P2m.PageSize).Status);
        Assert.Equal(GrantTableOp.BadDomain, _w.Map(_w.Mapper, 77, Ref, Target * P2m.PageSize).Status);
        Assert.Equal(GrantTableOp.BadDomain, _w.Map(_w.Mapper, MemoryOp.DomidSelf, Ref, Target * P2m.PageSize).Status);
        // d3 never used its table: version 0, "not yet set up".
        Assert.Equal(GrantTableOp.GeneralError, _w.Map(_w.Mapper, D3, 0, Target * P2m.PageSize).Status);
        // The entry names d2, so the third domain may not map it.
        Assert.Equal(GrantTableOp.GeneralError, _w.Map(_w.Third, D1, Ref, Target * P2m.PageSize).Status);
        // A frame outside the granter's memory.
        GrantV1(_w.Granter, 9, D2, 0x10_0000, Rw);
        Assert.Equal(GrantTableOp.BadPage, _w.Map(_w.Mapper, D1, 9, Target * P2m.PageSize).Status);
        Assert.Equal(Rw, FlagsV1(_w.Granter, 9)); // in-use bits backed out
        // A target frame outside the mapper's memory.
        Assert.Equal(GrantTableOp.GeneralError, _w.Map(_w.Mapper, D1, Ref, MapperPages * P2m.PageSize).Status);
        Assert.Equal(Rw, FlagsV1(_w.Granter, Ref));
        Assert.Equal(0, _w.Table(_w.Mapper).MappingCount);
        Assert.Equal(0, _w.Table(_w.Third).MappingCount);
    }

    private const uint GrantTable4x512 = 4 * 512;

    [Fact]
    public void Revoked_grant_cannot_be_mapped_and_a_mapped_one_cannot_be_revoked_silently()
    {
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Rw);
        Put(_w.Granter, GrantFrameGfn * P2m.PageSize + Ref * 8, BitConverter.GetBytes((ushort)0)); // revoke
        Assert.Equal(GrantTableOp.GeneralError, _w.Map(_w.Mapper, D1, Ref, Target * P2m.PageSize).Status);

        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Rw);
        var (status, handle) = _w.Map(_w.Mapper, D1, Ref, Target * P2m.PageSize);
        Assert.Equal(GrantTableOp.Okay, status);
        // The guest's revoke protocol sees GTF_reading|GTF_writing and must not clear the entry.
        Assert.NotEqual(0, FlagsV1(_w.Granter, Ref) & (GrantTableOp.GtfReading | GrantTableOp.GtfWriting));
        Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, handle, Target * P2m.PageSize));
    }

    [Fact]
    public void Unmap_errors()
    {
        Assert.Equal(GrantTableOp.BadHandle, _w.Unmap(_w.Mapper, 0, Target * P2m.PageSize));          // nothing mapped
        Assert.Equal(GrantTableOp.BadHandle, _w.Unmap(_w.Mapper, 0xFFFF_FFFF, Target * P2m.PageSize));
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Rw);
        var (status, handle) = _w.Map(_w.Mapper, D1, Ref, Target * P2m.PageSize);
        Assert.Equal(GrantTableOp.Okay, status);
        Assert.Equal(GrantTableOp.BadHandle, _w.Unmap(_w.Mapper, handle + 1, Target * P2m.PageSize));  // free slot
        Assert.Equal(GrantTableOp.GeneralError, _w.Unmap(_w.Mapper, handle, (Target + 1) * P2m.PageSize)); // wrong frame
        Assert.Equal(GrantTableOp.GeneralError, _w.Unmap(_w.Mapper, handle, Target * P2m.PageSize, devBusAddr: 0x1000));
        Assert.Equal(GrantTableOp.BadHandle, _w.Unmap(_w.Third, handle, Target * P2m.PageSize));        // not d3's handle
        Assert.True(_w.Mapper.P2m.IsForeign(Target)); // still mapped after all that
        Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, handle, Target * P2m.PageSize));
        Assert.Equal(GrantTableOp.BadHandle, _w.Unmap(_w.Mapper, handle, Target * P2m.PageSize));       // twice
    }

    [Fact]
    public void Mapping_over_a_grant_frame_or_another_mapping_is_refused()
    {
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Rw);
        Assert.Equal(0, _w.AddToPhysmap(_w.Mapper, 0, Target)); // d2's own grant frame sits at Target
        Assert.Equal(GrantTableOp.GeneralError, _w.Map(_w.Mapper, D1, Ref, Target * P2m.PageSize).Status);
        var ok = _w.Map(_w.Mapper, D1, Ref, (Target + 1) * P2m.PageSize);
        Assert.Equal(GrantTableOp.Okay, ok.Status);
        Assert.Equal(GrantTableOp.GeneralError, _w.Map(_w.Mapper, D1, Ref, (Target + 1) * P2m.PageSize).Status);
        Assert.Equal(Rw | GrantTableOp.GtfReading | GrantTableOp.GtfWriting, FlagsV1(_w.Granter, Ref));
    }

    [Fact]
    public void Maptrack_grows_past_one_chunk_and_handles_are_reused()
    {
        const uint Refs = 3, PerRef = 100; // 300 mappings: more than one 256-slot maptrack chunk, under 128 pins per ref
        for (uint r = 0; r < Refs; r++) GrantV1(_w.Granter, 10 + r, D2, (uint)(Shared + r), Ro);
        const uint Flags = GrantTableOp.GntmapHostMap | GrantTableOp.GntmapReadonly;
        for (uint i = 0; i < Refs * PerRef; i++)
        {
            var (status, handle) = _w.Map(_w.Mapper, D1, 10 + i % Refs, (0x100 + (ulong)i) * P2m.PageSize, Flags);
            Assert.Equal((GrantTableOp.Okay, i), (status, handle));
        }
        Assert.Equal(300, _w.Table(_w.Mapper).MappingCount);
        Assert.Equal(_w.Granter.P2m.HostPage(Shared + 2), _w.Mapper.P2m.HostPage(0x100 + 299));
        Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, 257, (0x100 + 257UL) * P2m.PageSize));
        Assert.Equal((GrantTableOp.Okay, 257u), _w.Map(_w.Mapper, D1, 10, 0x300 * P2m.PageSize, Flags)); // the freed handle again
        for (uint i = 0; i < Refs * PerRef; i++)
            Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, i, (i == 257 ? 0x300 : 0x100 + (ulong)i) * P2m.PageSize));
        Assert.Equal(0, _w.Table(_w.Mapper).MappingCount);
        for (uint r = 0; r < Refs; r++) Assert.Equal(Ro, FlagsV1(_w.Granter, 10 + r));
    }

    [Fact]
    public void Pin_counts_stop_at_xens_limit()
    {
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Ro);
        for (int i = 0; i < 128; i++)
            Assert.Equal(GrantTableOp.Okay, _w.Map(_w.Mapper, D1, Ref, (0x50 + (ulong)i) * P2m.PageSize, GrantTableOp.GntmapHostMap | GrantTableOp.GntmapReadonly).Status);
        Assert.Equal(GrantTableOp.GeneralError, _w.Map(_w.Mapper, D1, Ref, 0xF0 * P2m.PageSize, GrantTableOp.GntmapHostMap | GrantTableOp.GntmapReadonly).Status);
        Assert.Equal(128, _w.Table(_w.Mapper).MappingCount);
    }

    [Fact]
    public void Unmap_all_restores_every_displaced_page()
    {
        GrantV1(_w.Granter, Ref, D2, (uint)Shared, Rw);
        ulong own = _w.Mapper.P2m.HostPage(Target);
        Assert.Equal(GrantTableOp.Okay, _w.Map(_w.Mapper, D1, Ref, Target * P2m.PageSize).Status);
        Assert.Equal(GrantTableOp.Okay, _w.Map(_w.Mapper, D1, Ref, 0, GrantTableOp.GntmapHostMap | GrantTableOp.GntmapReadonly).Status); // gfn 0
        Xen.Core.Grants.GrantMapping.UnmapAll(_w.Mapper, _w.Table(_w.Mapper), _w.Domains);
        Assert.Equal(own, _w.Mapper.P2m.HostPage(Target));
        Assert.False(_w.Mapper.P2m.IsForeign(0));
        Assert.Equal(Rw, FlagsV1(_w.Granter, Ref));
        Assert.Equal(0, _w.Table(_w.Mapper).MappingCount);
    }
}
