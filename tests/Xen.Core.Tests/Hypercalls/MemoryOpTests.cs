using Xen.Core.Hypercalls;
using Xen.Core.Public;
using Xen.Core.Tests.Domains;

namespace Xen.Core.Tests.Hypercalls;

public sealed class MemoryOpTests : IDisposable
{
    private readonly TestDomain _t = new();
    private readonly HypercallDispatcher _dispatcher = HypercallDispatcher.CreateDefault(new HypervisorIdentity { MaxRamPage = 0x48000 });

    public void Dispose() => _t.Dispose();

    private long Call(ulong cmd, ulong arg, bool compat = false) =>
        _dispatcher.Dispatch(_t.Vcpu, new HypercallArgs(HypercallNumber.MemoryOp, cmd, arg) { IsCompat = compat });

    private void Put(ulong gpa, byte[] bytes) => Assert.Equal(0, _t.Domain.P2m.Write(gpa, bytes));

    private byte[] Get(ulong gpa, int length)
    {
        byte[] b = new byte[length];
        Assert.Equal(0, _t.Domain.P2m.Read(gpa, b));
        return b;
    }

    private static byte[] AddToPhysmap(ushort domid, uint space, ulong idx, ulong gpfn)
    {
        byte[] a = new byte[MemoryOp.AddToPhysmapSize];
        BitConverter.GetBytes(domid).CopyTo(a, 0);
        BitConverter.GetBytes(space).CopyTo(a, 4);
        BitConverter.GetBytes(idx).CopyTo(a, 8);
        BitConverter.GetBytes(gpfn).CopyTo(a, 16);
        return a;
    }

    [Fact]
    public void Shared_info_appears_at_the_requested_frame()
    {
        _t.Domain.SharedInfo!.SetWallClock(1234, 5);
        Put(0x1000, AddToPhysmap(MemoryOp.DomidSelf, MemoryOp.MapSpaceSharedInfo, 0, 0x20));
        Assert.Equal(0, Call(MemoryOp.AddToPhysmap, 0x1000));
        Assert.Equal(0x20UL, _t.Domain.SharedInfo.Gfn);
        Assert.Equal(1234u, BitConverter.ToUInt32(Get(0x20000 + SharedInfoLayout.WcSec, 4)));
        // From now on the hypervisor's updates land in that guest frame.
        _t.Domain.SharedInfo.SetWallClock(99, 0);
        Assert.Equal(99u, BitConverter.ToUInt32(Get(0x20000 + SharedInfoLayout.WcSec, 4)));
        // The domain may name itself by id too; a second mapping moves the page again.
        Put(0x1000, AddToPhysmap(1, MemoryOp.MapSpaceSharedInfo, 0, 0x21));
        Assert.Equal(0, Call(MemoryOp.AddToPhysmap, 0x1000));
        Assert.Equal(99u, BitConverter.ToUInt32(Get(0x21000 + SharedInfoLayout.WcSec, 4)));
    }

    [Fact]
    public void Compat_callers_use_the_32_bit_structure()
    {
        byte[] a = new byte[16];
        BitConverter.GetBytes(MemoryOp.DomidSelf).CopyTo(a, 0);
        BitConverter.GetBytes(0x30u).CopyTo(a, 12);
        Put(_t.Domain.P2m.Size - 16, a); // ends exactly at the end of memory: 16 bytes, not 24, are read
        Assert.Equal(0, Call(MemoryOp.AddToPhysmap, _t.Domain.P2m.Size - 16, compat: true));
        Assert.Equal(0x30UL, _t.Domain.SharedInfo!.Gfn);
    }

    [Theory]
    [InlineData(MemoryOp.DomidSelf, 0u, 1UL, 0x20UL, -XenErrno.EINVAL)]   // shared_info has only idx 0
    [InlineData(MemoryOp.DomidSelf, 0u, 0UL, 256UL, -XenErrno.EINVAL)]    // frame past the P2M
    [InlineData(MemoryOp.DomidSelf, 0u, 0UL, ulong.MaxValue, -XenErrno.EINVAL)]
    [InlineData((ushort)2, 0u, 0UL, 0x20UL, -XenErrno.ESRCH)]            // another domain
    [InlineData(MemoryOp.DomidSelf, 5u, 0UL, 0x20UL, -XenErrno.ENOSYS)]   // XENMAPSPACE_dev_mmio: not provided (grant frames: Grants/)
    [InlineData(MemoryOp.DomidSelf, 77u, 0UL, 0x20UL, -XenErrno.ENOSYS)]
    public void Bad_add_to_physmap_arguments_are_refused(ushort domid, uint space, ulong idx, ulong gpfn, long expected)
    {
        Put(0x1000, AddToPhysmap(domid, space, idx, gpfn));
        Assert.Equal(expected, Call(MemoryOp.AddToPhysmap, 0x1000));
        Assert.Equal(ulong.MaxValue, _t.Domain.SharedInfo!.Gfn);
    }

    [Fact]
    public void Memory_map_returns_ram_then_the_reserved_special_pages_and_the_count()
    {
        byte[] map = new byte[16];
        BitConverter.GetBytes(8u).CopyTo(map, 0);
        BitConverter.GetBytes(0x3000UL).CopyTo(map, 8);
        Put(0x2000, map);
        Put(0x3000, Enumerable.Repeat((byte)0xEE, 48).ToArray());
        Assert.Equal(0, Call(MemoryOp.MemoryMap, 0x2000));
        Assert.Equal(2u, BitConverter.ToUInt32(Get(0x2000, 4)));
        byte[] e = Get(0x3000, 41);
        ulong ramEnd = _t.Domain.P2m.Size - 2 * 4096;
        Assert.Equal(0UL, BitConverter.ToUInt64(e, 0));
        Assert.Equal(ramEnd, BitConverter.ToUInt64(e, 8));
        Assert.Equal(MemoryOp.E820Ram, BitConverter.ToUInt32(e, 16));
        Assert.Equal(ramEnd, BitConverter.ToUInt64(e, 20));
        Assert.Equal(2 * 4096UL, BitConverter.ToUInt64(e, 28));
        Assert.Equal(MemoryOp.E820Reserved, BitConverter.ToUInt32(e, 36));
        Assert.Equal(0xEE, e[40]);
        BitConverter.GetBytes(1u).CopyTo(map, 0); // room for one: only RAM, count 1
        Put(0x2000, map);
        Assert.Equal(0, Call(MemoryOp.MemoryMap, 0x2000));
        Assert.Equal(1u, BitConverter.ToUInt32(Get(0x2000, 4)));
    }

    [Fact]
    public void Memory_map_with_no_room_stores_nothing_and_reports_zero()
    {
        byte[] map = new byte[16];
        BitConverter.GetBytes(0x3000UL).CopyTo(map, 8);
        Put(0x2000, map);
        Put(0x3000, new byte[] { 0xEE });
        Assert.Equal(0, Call(MemoryOp.MemoryMap, 0x2000));
        Assert.Equal(0u, BitConverter.ToUInt32(Get(0x2000, 4)));
        Assert.Equal(0xEE, Get(0x3000, 1)[0]);
    }

    [Fact]
    public void Bad_pointers_get_efault()
    {
        ulong end = _t.Domain.P2m.Size;
        Assert.Equal(-XenErrno.EFAULT, Call(MemoryOp.MemoryMap, end - 8));
        Assert.Equal(-XenErrno.EFAULT, Call(MemoryOp.AddToPhysmap, end - 8));
        Assert.Equal(-XenErrno.EFAULT, Call(MemoryOp.AddToPhysmap, ulong.MaxValue - 3));
        byte[] map = new byte[16];
        BitConverter.GetBytes(4u).CopyTo(map, 0);
        BitConverter.GetBytes(end - 10).CopyTo(map, 8); // buffer runs off the end of memory
        Put(0x2000, map);
        Assert.Equal(-XenErrno.EFAULT, Call(MemoryOp.MemoryMap, 0x2000));
    }

    [Fact]
    public void Maximum_ram_page_and_unknown_sub_ops()
    {
        Assert.Equal(0x48000, Call(MemoryOp.MaximumRamPage, 0));
        Assert.Equal(-XenErrno.EINVAL, Call(MemoryOp.MaximumRamPage | (1 << MemoryOp.ExtentShift), 0));
        Assert.Equal(-XenErrno.ENOSYS, Call(MemoryOp.IncreaseReservation, 0x1000));
        Assert.Equal(-XenErrno.ENOSYS, Call(MemoryOp.PopulatePhysmap, 0x1000));
        Assert.Equal(-XenErrno.ENOSYS, Call(63, 0x1000));
    }
}
