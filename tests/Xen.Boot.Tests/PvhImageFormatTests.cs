// The PVH ELF must give QEMU what its PVH loader reads: ELF64 x86-64, a PT_NOTE with
// XEN_ELFNOTE_PHYS32_ENTRY (18) in a "Xen" note, and PT_LOADs at physical addresses (p_paddr = p_vaddr).
using System.Buffers.Binary;
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class PvhImageFormatTests
{
    [Fact]
    public void The_sample_image_carries_the_phys32_entry_note_and_load_segments()
    {
        byte[] elf = File.ReadAllBytes(Repository.Image("x64", "xen.elf"));
        Assert.True(elf.Length > 64 && elf[0] == 0x7F && elf[1] == 'E' && elf[2] == 'L' && elf[3] == 'F');
        Assert.Equal(62, BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(18)));
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(56));
        bool foundNote = false;
        int loads = 0;
        for (int i = 0; i < phnum; i++)
        {
            var ph = elf.AsSpan(64 + i * 56, 56);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(ph);
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(ph[8..]);
            if (type == 1) { loads++; Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(ph[16..]), BinaryPrimitives.ReadUInt64LittleEndian(ph[24..])); }
            if (type != 4) continue;
            var note = elf.AsSpan((int)offset);
            Assert.Equal(18u, BinaryPrimitives.ReadUInt32LittleEndian(note[8..]));
            Assert.Equal("Xen\0"u8.ToArray(), note.Slice(12, 4).ToArray());
            ulong entry = BinaryPrimitives.ReadUInt64LittleEndian(note[16..]);
            Assert.InRange(entry, 0x200000UL, 0xFFFFFFFFUL);
            foundNote = true;
        }
        Assert.True(foundNote);
        Assert.True(loads >= 3);
    }
}
