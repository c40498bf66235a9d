// The table-management sub-ops (setup_table, query_size, set_version/get_version, get_status_frames),
// XENMAPSPACE_grant_table, v2 entries with status frames, and the hypercall-level guards (counts, pointers, cmds).
using Xen.Core.Domains;
using Xen.Core.Grants;
using Xen.Core.Hypercalls;
using Xen.Core.Memory;
using Xen.Core.Public;
using static Xen.Core.Tests.Grants.GrantWorld;

namespace Xen.Core.Tests.Grants;

public sealed class GrantTableOpTests : IDisposable
{
    private const ushort Self = MemoryOp.DomidSelf;
    private const ulong Shared = 0x20, Target = 0x40, StatusGfn = 0x90;
    private readonly GrantWorld _w = new();

    public void Dispose() => _w.Dispose();

    private (short Status, uint Frames, uint Max) QuerySize(Domain d, ushort dom)
    {
        var a = new byte[GrantTableOp.QuerySizeSize];
        BitConverter.GetBytes(dom).CopyTo(a, 0);
        Put(d, Arg, a);
        Assert.Equal(0, _w.Call(d, GrantTableOp.QuerySize, Arg, 1));
        byte[] r = Get(d, Arg, GrantTableOp.QuerySizeSize);
        return (BitConverter.ToInt16(r, 12), BitConverter.ToUInt32(r, 4), BitConverter.ToUInt32(r, 8));
    }

    private short SetupTable(Domain d, ushort dom, uint frames, ulong list = ListArea)
    {
        var a = new byte[GrantTableOp.SetupTableSize];
        BitConverter.GetBytes(dom).CopyTo(a, 0);
        BitConverter.GetBytes(frames).CopyTo(a, 4);
        BitConverter.GetBytes((short)0x5555).CopyTo(a, 8);
        BitConverter.GetBytes(list).CopyTo(a, 16);
        Put(d, Arg, a);
        Assert.Equal(0, _w.Call(d, GrantTableOp.SetupTable, Arg, 1));
        return BitConverter.ToInt16(Get(d, Arg + 8, 2));
    }

    private short GetStatusFrames(Domain d, uint frames, ulong list = ListArea)
    {
        var a = new byte[GrantTableOp.GetStatusFramesSize];
        BitConverter.GetBytes(frames).CopyTo(a, 0);
        BitConverter.GetBytes(Self).CopyTo(a, 4);
        BitConverter.GetBytes((short)0x5555).CopyTo(a, 6);
        BitConverter.GetBytes(list).CopyTo(a, 8);
        Put(d, Arg, a);
        Assert.Equal(0, _w.Call(d, GrantTableOp.GetStatusFrames, Arg, 1));
        return BitConverter.ToInt16(Get(d, Arg + 6, 2));
    }

    private long GetVersion(Domain d, ushort dom, out uint version)
    {
        var a = new byte[GrantTableOp.GetVersionSize];
        BitConverter.GetBytes(dom).CopyTo(a, 0);
        BitConverter.GetBytes(0xDEADu).CopyTo(a, 4);
        Put(d, Arg, a);
        long rc = _w.Call(d, GrantTableOp.GetVersion, Arg, 1);
        version = BitConverter.ToUInt32(Get(d, Arg + 4, 4));
        return rc;
    }

    [Fact]
    public void Query_size_and_setup_table()
    {
        Assert.Equal((GrantTableOp.Okay, 4u, 32u), QuerySize(_w.Granter, Self));
        Assert.Equal((GrantTableOp.Okay, 4u, 32u), QuerySize(_w.Granter, D1));
        Assert.Equal(GrantTableOp.PermissionDenied, QuerySize(_w.Granter, D2).Status);
        Assert.Equal(GrantTableOp.BadDomain, QuerySize(_w.Granter, 99).Status);

        Assert.Equal(0, _w.AddToPhysmap(_w.Granter, 1, 0x81));
        Assert.Equal(GrantTableOp.Okay, SetupTable(_w.Granter, Self, 6)); // grows to 6 frames
        Assert.Equal(6u, _w.Table(_w.Granter).FrameCount);
        Assert.Equal(1u, _w.Table(_w.Granter).Version);
        byte[] list = Get(_w.Granter, ListArea, 6 * 8);
        Assert.Equal(ulong.MaxValue, BitConverter.ToUInt64(list, 0));  // frame 0 not in the physmap
        Assert.Equal(0x81UL, BitConverter.ToUInt64(list, 8));
        Assert.Equal(GrantTableOp.GeneralError, SetupTable(_w.Granter, Self, 33));
        Assert.Equal(GrantTableOp.PermissionDenied, SetupTable(_w.Granter, D2, 1));
        Assert.Equal(GrantTableOp.BadDomain, SetupTable(_w.Granter, 99, 1));
        Assert.Equal(GrantTableOp.BadVirtAddr, SetupTable(_w.Granter, Self, 2, list: Pages * P2m.PageSize - 8)); // 2nd slot beyond RAM
        Assert.Equal(-XenErrno.EINVAL, _w.Call(_w.Granter, GrantTableOp.SetupTable, Arg, 2));
        Assert.Equal((GrantTableOp.Okay, 6u, 32u), QuerySize(_w.Granter, Self));

        // Compat: frame_list @12, 4-byte entries.
        var c = new byte[GrantTableOp.SetupTableCompatSize];
        BitConverter.GetBytes(Self).CopyTo(c, 0);
        BitConverter.GetBytes(2u).CopyTo(c, 4);
        BitConverter.GetBytes((uint)ListArea + 512).CopyTo(c, 12);
        Put(_w.Granter, Arg, c);
        Assert.Equal(0, _w.Call(_w.Granter, GrantTableOp.SetupTable, Arg, 1, compat: true));
        Assert.Equal(0, BitConverter.ToInt16(Get(_w.Granter, Arg + 8, 2)));
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0, 0, 0 }, Get(_w.Granter, ListArea + 512, 8));
    }

    [Fact]
    public void Add_to_physmap_grant_frames()
    {
        GrantTable t = _w.Table(_w.Granter);
        ulong ram = _w.Granter.P2m.HostPage(0x81);
        Assert.Equal(0, _w.AddToPhysmap(_w.Granter, 5, 0x81)); // grows to 6 frames
        Assert.Equal(6u, t.FrameCount);
        Assert.Equal(t.SharedFrame(5), _w.Granter.P2m.HostPage(0x81));
        Assert.Equal(0x81UL, t.SharedFrameGfn(5));
        Assert.Equal(0, _w.AddToPhysmap(_w.Granter, 5, 0x81)); // same place again: nothing changes
        Assert.Equal(0, _w.AddToPhysmap(_w.Granter, 5, 0x82)); // moves: 0x81 gets its RAM page back
        Assert.Equal(ram, _w.Granter.P2m.HostPage(0x81));
        Assert.Equal(t.SharedFrame(5), _w.Granter.P2m.HostPage(0x82));
        Assert.Contains(0x81UL, _w.GranterFrames.Changed);
        Assert.Equal(-XenErrno.EBUSY, _w.AddToPhysmap(_w.Granter, 4, 0x82));  // occupied by another grant frame
        Assert.Equal(-XenErrno.EINVAL, _w.AddToPhysmap(_w.Granter, 32, 0x83));
        Assert.Equal(-XenErrno.EINVAL, _w.AddToPhysmap(_w.Granter, GrantTableOp.MapIdxGrantTableStatus, 0x83)); // v1: no status frames
        Assert.Equal(-XenErrno.EINVAL, _w.AddToPhysmap(_w.Granter, 0, Pages));
        Assert.Equal(0, _w.AddToPhysmap(_w.Granter, 31, 0x84));
        Assert.Equal(32u, t.FrameCount);
        Assert.Equal(32u * 512, t.EntryCount);

        ulong frame = t.SharedFrame(31);
        t.Release(); // domain teardown: RAM pages come back, frames are freed
        Assert.Equal(0u, t.FrameCount);
        Assert.False(_w.Granter.P2m.IsForeign(0x82));
        Assert.False(_w.Granter.P2m.IsForeign(0x84));
        Assert.False(_w.IsAllocated(frame));
    }

    [Fact]
    public void Versions_switch_only_while_no_grant_is_in_use()
    {
        Assert.Equal(0, GetVersion(_w.Granter, Self, out uint v));
        Assert.Equal(0u, v); // not chosen yet
        Assert.Equal(-XenErrno.EINVAL, _w.SetVersion(_w.Granter, 3));
        Assert.Equal(0u, BitConverter.ToUInt32(Get(_w.Granter, Arg, 4))); // OUT: the version in effect
        Assert.Equal(0, _w.SetVersion(_w.Granter, 1));
        _w.ShowGrantFrame(_w.Granter);
        GrantV1(_w.Granter, 8, D2, (uint)Shared, GrantTableOp.GtfPermitAccess);
        var (status, handle) = _w.Map(_w.Mapper, D1, 8, Target * P2m.PageSize);
        Assert.Equal(GrantTableOp.Okay, status);
        Assert.Equal(-XenErrno.EBUSY, _w.SetVersion(_w.Granter, 2));
        Assert.Equal(1u, BitConverter.ToUInt32(Get(_w.Granter, Arg, 4)));
        Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, handle, Target * P2m.PageSize));
        Assert.Equal(0, _w.SetVersion(_w.Granter, 2));
        Assert.Equal(0, GetVersion(_w.Granter, Self, out v));
        Assert.Equal(2u, v);
        Assert.Equal(-XenErrno.EPERM, GetVersion(_w.Granter, D2, out _));
        Assert.Equal(-XenErrno.ESRCH, GetVersion(_w.Granter, 99, out _));
        Assert.Equal(-XenErrno.EINVAL, _w.Call(_w.Granter, GrantTableOp.GetVersion, Arg, 0));
    }

    [Fact]
    public void Reserved_entries_survive_a_version_change()
    {
        Assert.Equal(0, _w.SetVersion(_w.Granter, 1));
        _w.ShowGrantFrame(_w.Granter);
        GrantV1(_w.Granter, 1, D2, 0x33, GrantTableOp.GtfPermitAccess); // xenstore's reserved entry
        GrantV1(_w.Granter, 9, D2, 0x34, GrantTableOp.GtfPermitAccess); // an ordinary one: cleared
        Assert.Equal(GrantTableOp.Okay, _w.Map(_w.Mapper, D1, 1, Target * P2m.PageSize).Status); // pinned, but reserved
        Assert.Equal(0, _w.SetVersion(_w.Granter, 2));
        byte[] e = Get(_w.Granter, GrantFrameGfn * P2m.PageSize + 16, 16);
        Assert.Equal(GrantTableOp.GtfPermitAccess, BitConverter.ToUInt16(e, 0)); // in-use bits moved to the status frame
        Assert.Equal(D2, BitConverter.ToUInt16(e, 2));
        Assert.Equal(0x33UL, BitConverter.ToUInt64(e, 8));
        Assert.Equal(GrantTableOp.GtfPermitAccess | GrantTableOp.GtfReading | GrantTableOp.GtfWriting, _w.Table(_w.Granter).GuestFlags(1));
        Assert.Equal(0UL, BitConverter.ToUInt64(Get(_w.Granter, GrantFrameGfn * P2m.PageSize + 9 * 16, 8)));
        Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, 0, Target * P2m.PageSize));
        Assert.Equal(GrantTableOp.GtfPermitAccess, _w.Table(_w.Granter).GuestFlags(1));
    }

    [Fact]
    public void Version_2_status_frames_carry_the_in_use_bits()
    {
        Assert.Equal(0, _w.SetVersion(_w.Granter, 2));
        GrantTable t = _w.Table(_w.Granter);
        Assert.Equal(1u, t.StatusFrameCount); // 4 frames × 256 entries fit one 2048-entry status frame
        Assert.Equal(4u * 256, t.EntryCount);
        _w.ShowGrantFrame(_w.Granter);
        Assert.Equal(0, _w.AddToPhysmap(_w.Granter, GrantTableOp.MapIdxGrantTableStatus | 0, StatusGfn));
        Assert.Equal(t.StatusFrame(0), _w.Granter.P2m.HostPage(StatusGfn));
        Assert.Equal(-XenErrno.EINVAL, _w.AddToPhysmap(_w.Granter, GrantTableOp.MapIdxGrantTableStatus | 1, StatusGfn + 1));
        Assert.Equal(GrantTableOp.Okay, GetStatusFrames(_w.Granter, 1));
        Assert.Equal(StatusGfn, BitConverter.ToUInt64(Get(_w.Granter, ListArea, 8)));
        Assert.Equal(GrantTableOp.GeneralError, GetStatusFrames(_w.Granter, 2));
        Assert.Equal(GrantTableOp.BadVirtAddr, GetStatusFrames(_w.Granter, 1, list: Pages * P2m.PageSize));

        Pattern(_w.Granter, Shared, 77);
        GrantV2(_w.Granter, 8, D2, Shared, GrantTableOp.GtfPermitAccess);
        var (status, handle) = _w.Map(_w.Mapper, D1, 8, Target * P2m.PageSize);
        Assert.Equal(GrantTableOp.Okay, status);
        Assert.Equal(Get(_w.Granter, Shared * P2m.PageSize, 4096), Get(_w.Mapper, Target * P2m.PageSize, 4096));
        Assert.Equal(GrantTableOp.GtfPermitAccess, BitConverter.ToUInt16(Get(_w.Granter, GrantFrameGfn * P2m.PageSize + 8 * 16, 2)));
        Assert.Equal(GrantTableOp.GtfReading | GrantTableOp.GtfWriting, BitConverter.ToUInt16(Get(_w.Granter, StatusGfn * P2m.PageSize + 8 * 2, 2)));
        Assert.Equal(GrantTableOp.Okay, _w.Unmap(_w.Mapper, handle, Target * P2m.PageSize));
        Assert.Equal(0, BitConverter.ToUInt16(Get(_w.Granter, StatusGfn * P2m.PageSize + 8 * 2, 2)));

        // Sub-page grants: copy within [page_off, page_off+length) only, never map.
        GrantV2(_w.Granter, 9, D2, Shared, GrantTableOp.GtfPermitAccess | GrantTableOp.GtfSubPage, pageOff: 512, length: 256);
        Assert.Equal(GrantTableOp.GeneralError, _w.Map(_w.Mapper, D1, 9, Target * P2m.PageSize).Status);
        Assert.Equal(GrantTableOp.Okay, _w.Copy(_w.Mapper, 9, D1, 600, 0x30, Self, 0, 100, GrantTableOp.GntcopySourceGref));
        Assert.Equal(Get(_w.Granter, Shared * P2m.PageSize + 600, 100), Get(_w.Mapper, 0x30 * P2m.PageSize, 100));
        Assert.Equal(GrantTableOp.GeneralError, _w.Copy(_w.Mapper, 9, D1, 700, 0x30, Self, 0, 100, GrantTableOp.GntcopySourceGref));
        Assert.Equal(GrantTableOp.GeneralError, _w.Copy(_w.Mapper, 9, D1, 0, 0x30, Self, 0, 100, GrantTableOp.GntcopySourceGref));
        Assert.Equal(0, BitConverter.ToUInt16(Get(_w.Granter, StatusGfn * P2m.PageSize + 9 * 2, 2)));

        // Back to v1: the status frame leaves the physmap and the RAM page it displaced returns.
        Assert.Equal(0, _w.SetVersion(_w.Granter, 1));
        Assert.Equal(0u, t.StatusFrameCount);
        Assert.False(_w.Granter.P2m.IsForeign(StatusGfn));
        Assert.Equal(GrantTableOp.GeneralError, GetStatusFrames(_w.Granter, 1));
    }

    [Fact]
    public void Switching_to_v1_refuses_reserved_frames_above_4GiB()
    {
        Assert.Equal(0, _w.SetVersion(_w.Granter, 2));
        _w.ShowGrantFrame(_w.Granter);
        GrantV2(_w.Granter, 2, D2, 1UL << 32, GrantTableOp.GtfPermitAccess);
        Assert.Equal(-XenErrno.ERANGE, _w.SetVersion(_w.Granter, 1));
        Assert.Equal(2u, _w.Table(_w.Granter).Version);
    }

    [Fact]
    public void The_default_dispatcher_routes_hypercall_20_here()
    {
        var dispatcher = HypercallDispatcher.CreateDefault(new HypervisorIdentity(), _w.Domains);
        Assert.Equal(0, _w.SetVersion(_w.Granter, 2));
        var a = new byte[GrantTableOp.GetVersionSize];
        BitConverter.GetBytes(Self).CopyTo(a, 0);
        Put(_w.Granter, Arg, a);
        Assert.Equal(0, dispatcher.Dispatch(_w.Granter.Vcpus[0], new HypercallArgs(HypercallNumber.GrantTableOp, GrantTableOp.GetVersion, Arg, 1)));
        Assert.Equal(2u, BitConverter.ToUInt32(Get(_w.Granter, Arg + 4, 4)));
        Assert.Equal(1UL, dispatcher.CallCount(HypercallNumber.GrantTableOp));
    }

    [Fact]
    public void Hypercall_guards()
    {
        Assert.Equal(-XenErrno.ENOSYS, _w.Call(_w.Mapper, 42, Arg, 1));
        Assert.Equal(-XenErrno.ENOSYS, _w.Call(_w.Mapper, GrantTableOp.Transfer, Arg, 1));
        Assert.Equal(-XenErrno.EINVAL, _w.Call(_w.Mapper, GrantTableOp.MapGrantRef | 1 << 12, Arg, 1));   // continuation bits
        Assert.Equal(-XenErrno.EINVAL, _w.Call(_w.Mapper, GrantTableOp.MapGrantRef, Arg, 0x8000_0000));    // negative as int
        Assert.Equal(-XenErrno.EINVAL, _w.Call(_w.Mapper, GrantTableOp.Copy, Arg, 0xFFFF_FFFF));
        Assert.Equal(-XenErrno.EINVAL, _w.Call(_w.Mapper, GrantTableOp.UnmapGrantRef, Arg, GrantTableOpHypercall.MaxBatch + 1));
        Assert.Equal(0, _w.Call(_w.Mapper, GrantTableOp.MapGrantRef, Arg, 0));                              // nothing to do
        Assert.Equal(-XenErrno.EINVAL, _w.Call(_w.Mapper, GrantTableOp.QuerySize, Arg, 0));
        Assert.Equal(-XenErrno.EFAULT, _w.Call(_w.Mapper, GrantTableOp.QuerySize, MapperPages * P2m.PageSize, 1));
        Assert.Equal(-XenErrno.EFAULT, _w.Call(_w.Mapper, GrantTableOp.SetVersion, ulong.MaxValue - 1, 1));  // wraps
        _w.MapperCpu.UnmappedLinearFrom = 0x2000;                                                          // paging hole
        Assert.Equal(-XenErrno.EFAULT, _w.Call(_w.Mapper, GrantTableOp.GetVersion, 0x2000, 1));
        Assert.Equal(-XenErrno.EFAULT, _w.Call(_w.Mapper, GrantTableOp.MapGrantRef, 0x2000, 1));
    }

    [Fact]
    public void Huge_batches_stop_at_the_end_of_guest_memory_with_earlier_statuses_written()
    {
        // A maximal batch of unmaps whose array runs off the end of the mapper's memory after 3 elements.
        ulong start = MapperPages * P2m.PageSize - 3 * GrantTableOp.UnmapSize;
        for (int i = 0; i < 3; i++)
        {
            var a = new byte[GrantTableOp.UnmapSize];
            BitConverter.GetBytes(1000u + (uint)i).CopyTo(a, 16);
            Put(_w.Mapper, start + (ulong)i * GrantTableOp.UnmapSize, a);
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(-XenErrno.EFAULT, _w.Call(_w.Mapper, GrantTableOp.UnmapGrantRef, start, GrantTableOpHypercall.MaxBatch));
        Assert.True(watch.ElapsedMilliseconds < 2000);
        for (int i = 0; i < 3; i++)
            Assert.Equal(GrantTableOp.BadHandle, BitConverter.ToInt16(Get(_w.Mapper, start + (ulong)i * GrantTableOp.UnmapSize + 20, 2)));

        // A full batch inside memory: every element answered.
        var ops = new byte[4096 * 8];
        Put(_w.Mapper, 0x10_0000, ops); // 1024 zeroed map ops: flags 0 → bad_gntref each
        Assert.Equal(0, _w.Call(_w.Mapper, GrantTableOp.MapGrantRef, 0x10_0000, 1024));
        for (int i = 0; i < 1024; i++)
            Assert.Equal(GrantTableOp.BadGntref, BitConverter.ToInt16(Get(_w.Mapper, 0x10_0000 + (ulong)i * 32 + 18, 2)));
    }
}
