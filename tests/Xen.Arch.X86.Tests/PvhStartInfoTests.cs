using System.Buffers.Binary;
using Xen.Arch.X86.Boot;
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Tests;

public sealed unsafe class PvhStartInfoTests
{
    /// <summary>Builds a version-1 hvm_start_info with a module and a 3-entry E820 map in one buffer.</summary>
    private static byte[] Build(uint magic = PvhStartInfo.Magic, uint version = 1)
    {
        byte[] b = new byte[4096];
        fixed (byte* p = b)
        {
            ulong baseAddress = (ulong)p;
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0), magic);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), version);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), 1);               // nr_modules
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16), baseAddress + 256); // modlist
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(24), baseAddress + 1024); // cmdline
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(40), baseAddress + 512); // memmap
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(48), 3);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(256), 0x4000000);       // module paddr
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(264), 0x12345);         // size
            (ulong A, ulong S, uint T)[] e820 = [(0, 0x9FC00, 1), (0xF0000, 0x10000, 2), (0x100000, 0x7EE0000, 1)];
            for (int i = 0; i < e820.Length; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(512 + i * 24), e820[i].A);
                BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(520 + i * 24), e820[i].S);
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(528 + i * 24), e820[i].T);
            }
            "selftest\0"u8.CopyTo(b.AsSpan(1024));
        }
        return b;
    }

    [Fact]
    public void Reads_memory_map_modules_and_command_line()
    {
        byte[] b = Build();
        fixed (byte* p = b)
        {
            var info = new PvhStartInfo(p);
            Assert.True(info.IsValid);
            var map = new MemoryMap();
            Assert.Equal(3, info.FillMemoryMap(ref map));
            Assert.Equal(MemoryKind.Reserved, map[1].Kind);
            Assert.Equal(0x9FC00UL + 0x7EE0000UL, map.TotalOf(MemoryKind.Usable));
            Assert.Equal(0x4000000UL, info.Module(0).Address);
            Assert.Equal(0x12345UL, info.Module(0).Size);
            Assert.Equal((ulong)p + 1024, info.CommandLineAddress);
        }
    }

    [Fact]
    public void Wrong_magic_is_invalid_and_version_0_has_no_memory_map()
    {
        fixed (byte* p = Build(magic: 0x12345678)) Assert.False(new PvhStartInfo(p).IsValid);
        fixed (byte* p = Build(version: 0))
        {
            var map = new MemoryMap();
            Assert.Equal(0, new PvhStartInfo(p).FillMemoryMap(ref map));
        }
        Assert.False(new PvhStartInfo(null).IsValid);
    }

    [Theory]
    [InlineData(1u, MemoryKind.Usable)]
    [InlineData(3u, MemoryKind.AcpiReclaimable)]
    [InlineData(4u, MemoryKind.AcpiNvs)]
    [InlineData(5u, MemoryKind.Unusable)]
    [InlineData(77u, MemoryKind.Reserved)]
    public void E820_types_map_to_memory_kinds(uint type, MemoryKind kind) => Assert.Equal(kind, PvhStartInfo.FromE820(type));
}
