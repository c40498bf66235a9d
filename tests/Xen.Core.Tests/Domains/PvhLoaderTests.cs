using System.Buffers.Binary;
using Xen.Core.Domains;
using Xen.Core.Domains.Builder;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Tests.Domains;

public sealed unsafe class PvhLoaderTests
{
    [Fact]
    public void Loads_segments_zeroes_bss_and_writes_start_info_after_the_kernel()
    {
        using var memory = new TestMemory();
        P2m p2m = P2m.Allocate(memory.Pages, 1024)!; // 4 MiB
        byte[] elf = ElfBuilder.Elf64([(0x100000, new byte[] { 1, 2, 3 }, 0x2000), (0x200000, new byte[] { 4 }, 1)],
            (XenElfNote.Phys32Entry, BitConverter.GetBytes(0x100001UL)));
        Assert.Equal(BuildError.None, PvhLoader.Load(p2m, elf, "console=hvc0 debug"u8, out VcpuBootState boot, out _));
        Assert.Equal(VcpuBootMode.Pvh32, boot.Mode);
        Assert.Equal(0x100001UL, boot.EntryPoint);
        Assert.Equal(0x201000UL, boot.BootInfoAddress);
        byte[] k = new byte[4];
        p2m.Read(0x100000, k);
        Assert.Equal(new byte[] { 1, 2, 3, 0 }, k);

        byte[] info = new byte[4096];
        p2m.Read(boot.BootInfoAddress, info);
        Assert.Equal(HvmStartInfoLayout.Magic, BinaryPrimitives.ReadUInt32LittleEndian(info));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(4)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(12)));
        ulong cmdline = BinaryPrimitives.ReadUInt64LittleEndian(info.AsSpan(24));
        Assert.Equal("console=hvc0 debug\0", System.Text.Encoding.ASCII.GetString(info, (int)(cmdline - boot.BootInfoAddress), 19));
        ulong memmap = BinaryPrimitives.ReadUInt64LittleEndian(info.AsSpan(40));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(48))); // RAM, then the special pages
        int m = (int)(memmap - boot.BootInfoAddress);
        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(info.AsSpan(m)));
        Assert.Equal((4UL << 20) - 2 * 4096, BinaryPrimitives.ReadUInt64LittleEndian(info.AsSpan(m + 8)));
        Assert.Equal(HvmStartInfoLayout.MemoryTypeRam, BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(m + 16)));
        Assert.Equal((4UL << 20) - 2 * 4096, BinaryPrimitives.ReadUInt64LittleEndian(info.AsSpan(m + 24)));
        Assert.Equal(2 * 4096UL, BinaryPrimitives.ReadUInt64LittleEndian(info.AsSpan(m + 32)));
        Assert.Equal(HvmStartInfoLayout.MemoryTypeReserved, BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(m + 40)));
    }

    [Fact]
    public void A_long_command_line_is_truncated_and_nul_terminated()
    {
        using var memory = new TestMemory();
        P2m p2m = P2m.Allocate(memory.Pages, 16)!;
        Assert.Equal(0, StartInfoWriter.Write(p2m, 0x1000, p2m.Size, Enumerable.Repeat((byte)'x', 10000).ToArray()));
        byte[] page = new byte[4096];
        p2m.Read(0x1000, page);
        Assert.Equal((byte)'x', page[4094]);
        Assert.Equal(0, page[4095]);
    }

    [Fact]
    public void Kernels_that_do_not_fit_or_are_not_pvh_are_refused()
    {
        using var memory = new TestMemory();
        P2m p2m = P2m.Allocate(memory.Pages, 1024)!;
        byte[] noEntry = ElfBuilder.Elf64([(0x100000, new byte[] { 1 }, 1)], (XenElfNote.GuestOs, "x\0\0\0"u8.ToArray()));
        Assert.Equal(BuildError.NotPvh, PvhLoader.Load(p2m, noEntry, default, out _, out _));
        byte[] tooHigh = ElfBuilder.Elf64([(0x3FF000, new byte[] { 1 }, 0x1000)], (XenElfNote.Phys32Entry, BitConverter.GetBytes(0x3FF000u)));
        Assert.Equal(BuildError.DoesNotFit, PvhLoader.Load(p2m, tooHigh, default, out _, out _)); // no room for start info
        byte[] outside = ElfBuilder.Elf64([(0x10_0000_0000, new byte[] { 1 }, 1)], (XenElfNote.Phys32Entry, BitConverter.GetBytes(0x100000u)));
        Assert.Equal(BuildError.DoesNotFit, PvhLoader.Load(p2m, outside, default, out _, out _));
        byte[] entryOutside = ElfBuilder.Elf64([(0x100000, new byte[] { 1 }, 1)], (XenElfNote.Phys32Entry, BitConverter.GetBytes(0xFFFF0000u)));
        Assert.Equal(BuildError.DoesNotFit, PvhLoader.Load(p2m, entryOutside, default, out _, out _));
        Assert.Equal(BuildError.BadElf, PvhLoader.Load(p2m, new byte[10], default, out _, out ElfError e));
        Assert.Equal(ElfError.NotElf, e);
    }
}
