// The UEFI memory map conversion: descriptor stride from the firmware, type → kind, MMIO left out, and
// defects (short descriptors, wrapping ranges) rejected.
using System.Buffers.Binary;
using Xen.Arch.Arm.Boot;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Tests.Acpi;

public sealed class EfiMemoryMapTests
{
    private static byte[] Map(int descriptorSize, params (uint Type, ulong Start, ulong Pages)[] entries)
    {
        byte[] bytes = new byte[descriptorSize * entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            Span<byte> d = bytes.AsSpan(i * descriptorSize);
            BinaryPrimitives.WriteUInt32LittleEndian(d, entries[i].Type);
            BinaryPrimitives.WriteUInt64LittleEndian(d[8..], entries[i].Start);
            BinaryPrimitives.WriteUInt64LittleEndian(d[24..], entries[i].Pages);
        }
        return bytes;
    }

    [Fact]
    public void Qemu_like_map_is_converted_with_the_firmware_descriptor_stride()
    {
        byte[] bytes = Map(48,
            (7, 0x40000000, 0x200),        // conventional
            (2, 0x40200000, 0x59),         // loader data (our image)
            (4, 0x40259000, 0x100),        // boot services data
            (9, 0x7C430000, 0x10),         // ACPI reclaim
            (6, 0x7C440000, 0x10),         // runtime services data
            (11, 0x04000000, 0x1000),      // MMIO (flash): not RAM
            (10, 0x7FFF0000, 0x1));        // ACPI NVS
        MemoryMap map = default;
        Assert.Equal(6, EfiMemoryMap.Convert(bytes, 48, ref map));
        Assert.Equal(0x40000000UL, map[0].Base);
        Assert.Equal(MemoryKind.Usable, map[0].Kind);
        Assert.Equal((0x200UL + 0x59 + 0x100) << 12, map[0].Length); // merged
        Assert.Equal(MemoryKind.AcpiReclaimable, map[1].Kind);
        Assert.Equal(MemoryKind.Reserved, map[2].Kind);
        Assert.Equal(MemoryKind.AcpiNvs, map[3].Kind);
        Assert.Equal(4, map.Count);
    }

    [Fact]
    public void Short_descriptors_and_wrapping_ranges_are_rejected()
    {
        MemoryMap map = default;
        Assert.Equal(-1, EfiMemoryMap.Convert(Map(40, (7, 0, 1)), 32, ref map));
        Assert.Equal(-1, EfiMemoryMap.Convert(Map(40, (7, 0xFFFFFFFFFFFFF000, 2)), 40, ref map));
        Assert.Equal(-1, EfiMemoryMap.Convert(Map(40, (7, 0, ulong.MaxValue)), 40, ref map));
    }
}
