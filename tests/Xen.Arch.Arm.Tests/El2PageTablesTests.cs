using System.Runtime.InteropServices;
using Xen.Arch.Arm.Paging;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Tests;

public sealed unsafe class El2PageTablesTests
{
    private const ulong GiB = 1UL << 30;

    private static ulong WithTables(ulong ramLimit, Func<ulong, PhysicalPageAllocator, ulong> check, int arenaPages = 64)
    {
        void* ram = NativeMemory.AlignedAlloc((nuint)(arenaPages * 4096), 4096);
        try
        {
            var pages = new PhysicalPageAllocator();
            pages.AddRegion((ulong)ram, (ulong)arenaPages * 4096);
            ulong root = El2PageTables.Build(&pages, ramLimit);
            return check(root, pages);
        }
        finally { NativeMemory.AlignedFree(ram); }
    }

    [Fact]
    public void Page_zero_is_unmapped_and_low_gigabyte_is_device_memory()
    {
        WithTables(GiB + (256UL << 20), (root, pages) =>
        {
            Assert.NotEqual(0UL, root);
            Assert.False(El2PageTables.IsMapped(root, 0));
            Assert.False(El2PageTables.IsMapped(root, 0x10));
            Assert.False(El2PageTables.IsMapped(root, 0xFFF));
            Assert.True(El2PageTables.IsMapped(root, 0x1000));
            ulong uart = El2PageTables.Lookup(root, 0x09000000);
            Assert.Equal(0x09000000UL, uart & 0x0000FFFFFFE00000);
            Assert.NotEqual(0UL, uart & El2PageTables.ExecuteNever);
            Assert.False(El2PageTables.IsNormalMemory(root, 0x09000000));
            Assert.False(El2PageTables.IsNormalMemory(root, 0x1000));
            Assert.True(El2PageTables.IsMapped(root, GiB - 1));
            return 0;
        });
    }

    [Fact]
    public void Ram_is_normal_memory_up_to_the_limit_in_2_MiB_steps()
    {
        ulong limit = 0x40000000 + (255UL << 20); // 255 MiB: rounds up to 256 MiB
        WithTables(limit, (root, pages) =>
        {
            Assert.True(El2PageTables.IsNormalMemory(root, 0x40000000));
            Assert.True(El2PageTables.IsNormalMemory(root, 0x4FFFFFF8));
            Assert.Equal(0UL, El2PageTables.Lookup(root, 0x40000000) & El2PageTables.ExecuteNever);
            Assert.False(El2PageTables.IsMapped(root, 0x50000000));
            Assert.False(El2PageTables.IsMapped(root, 2 * GiB));
            Assert.Equal(4UL, pages.TotalPageCount - pages.FreePageCount); // L1, L2 + L3 for devices, L2 for RAM
            return 0;
        });
    }

    [Fact]
    public void Whole_gigabytes_use_1_GiB_blocks_and_addresses_beyond_the_space_are_unmapped()
    {
        WithTables(5 * GiB, (root, pages) =>
        {
            for (ulong g = 1; g < 5; g++) Assert.True(El2PageTables.IsNormalMemory(root, g * GiB + 0x1234));
            Assert.False(El2PageTables.IsMapped(root, 5 * GiB));
            Assert.False(El2PageTables.IsMapped(root, 1UL << El2PageTables.AddressBits));
            Assert.Equal(3UL, pages.TotalPageCount - pages.FreePageCount);
            return 0;
        });
    }

    [Fact]
    public void Running_out_of_pages_returns_zero()
    {
        WithTables(2 * GiB, (root, _) => { Assert.Equal(0UL, root); return 0; }, arenaPages: 3);
    }

    [Fact]
    public void Tcr_encodes_a_39_bit_4K_space_and_the_cpus_physical_range()
    {
        ulong tcr = El2PageTables.Tcr(0x1124); // cortex-a57: PARange 4 (44 bits)
        Assert.Equal(25UL, tcr & 0x3F);
        Assert.Equal(0UL, (tcr >> 14) & 3);         // TG0 4 KiB
        Assert.Equal(3UL, (tcr >> 12) & 3);         // inner shareable walks
        Assert.Equal(4UL, (tcr >> 16) & 7);         // PS
        Assert.Equal(1UL << 31 | 1UL << 23, tcr & (1UL << 31 | 1UL << 23));
        Assert.Equal(5UL, (El2PageTables.Tcr(0x6) >> 16) & 7); // 52-bit PARange capped at 48
        Assert.Equal(0xFF00UL, El2PageTables.Mair);
    }
}
