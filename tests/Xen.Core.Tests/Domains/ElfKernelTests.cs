using System.Buffers.Binary;
using Xen.Core.Domains.Builder;
using Xen.Core.Public;

namespace Xen.Core.Tests.Domains;

public sealed class ElfKernelTests
{
    private static byte[] Pvh64() => ElfBuilder.Elf64(
        [(0x100000, new byte[] { 1, 2, 3 }, 0x2000), (0x200000, new byte[] { 4 }, 1)],
        (XenElfNote.GuestOs, "test\0"u8.ToArray()), (XenElfNote.Phys32Entry, BitConverter.GetBytes(0x100010UL)));

    [Fact]
    public void Parses_loads_and_xen_notes_of_an_elf64_pvh_kernel()
    {
        Assert.Equal(ElfError.None, ElfKernel.Parse(Pvh64(), out ElfKernel? k));
        Assert.True(k!.Is64Bit);
        Assert.Equal(2, k.SegmentCount);
        Assert.True(k.HasPhys32Entry);
        Assert.Equal(0x100010UL, k.Phys32Entry);
        Assert.Equal(2, k.XenNoteCount);
        Assert.Equal(0x100000UL, k.LowestAddress);
        Assert.Equal(0x200001UL, k.HighestAddress);
        Assert.Equal(0x2000UL, k.Segments[0].MemorySize);
    }

    [Fact]
    public void Parses_an_elf32_kernel_with_a_4_byte_entry_note()
    {
        Assert.Equal(ElfError.None, ElfKernel.Parse(ElfBuilder.Elf32(0x100000, new byte[16], 0x100004), out ElfKernel? k));
        Assert.False(k!.Is64Bit);
        Assert.Equal(0x100004UL, k.Phys32Entry);
        Assert.Equal(116UL, k.Segments[0].MemorySize);
    }

    [Fact]
    public void Notes_from_other_owners_are_ignored()
    {
        byte[] elf = Pvh64();
        int note = 64 + 3 * 56;
        elf[note + 12] = (byte)'G'; // first note's name "Gen"
        Assert.Equal(ElfError.None, ElfKernel.Parse(elf, out ElfKernel? k));
        Assert.Equal(1, k!.XenNoteCount);
    }

    public static IEnumerable<object[]> Malformed()
    {
        yield return [Array.Empty<byte>(), ElfError.NotElf];
        yield return [new byte[100], ElfError.NotElf];
        yield return [Mutate(e => e[4] = 3), ElfError.Unsupported];
        yield return [Mutate(e => e[5] = 2), ElfError.Unsupported];
        yield return [Mutate(e => e[18] = 40), ElfError.Unsupported];
        yield return [Mutate(e => BinaryPrimitives.WriteUInt16LittleEndian(e.AsSpan(56), 0)), ElfError.BadProgramHeaders];
        yield return [Mutate(e => BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(32), 1UL << 40)), ElfError.BadProgramHeaders];
        yield return [Mutate(e => BinaryPrimitives.WriteUInt16LittleEndian(e.AsSpan(56), 500)), ElfError.BadProgramHeaders];
        yield return [Mutate(e => BinaryPrimitives.WriteUInt16LittleEndian(e.AsSpan(54), 8)), ElfError.BadProgramHeaders];
        // PT_LOAD file range past the end, filesz > memsz, paddr + memsz wrapping
        yield return [Mutate(e => BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(64 + 56 + 8), 1UL << 33)), ElfError.BadSegment];
        yield return [Mutate(e => BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(64 + 56 + 32), 0xFFFF_FFFF_FFFF)), ElfError.BadSegment];
        yield return [Mutate(e => BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(64 + 56 + 40), 1)), ElfError.BadSegment];
        yield return [Mutate(e => BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(64 + 56 + 24), ulong.MaxValue - 4)), ElfError.BadSegment];
        // note with a descsz running past its segment
        yield return [Mutate(e => BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(64 + 3 * 56 + 4), 0x7FFFFFF0)), ElfError.BadNote];
        yield return [Mutate(e => BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(64 + 3 * 56), 0xFFFFFFFF)), ElfError.BadNote];
        // every PT_LOAD turned into PT_NULL
        yield return [Mutate(e => { e[64 + 56] = 0; e[64 + 112] = 0; }), ElfError.NoSegments];
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_images_are_rejected_with_a_reason(byte[] image, ElfError expected) =>
        Assert.Equal(expected, ElfKernel.Parse(image, out _));

    [Fact]
    public void Random_corruption_never_throws()
    {
        var random = new Random(1234);
        byte[] original = Pvh64();
        for (int round = 0; round < 5000; round++)
        {
            byte[] elf = (byte[])original.Clone();
            for (int flips = random.Next(1, 8); flips > 0; flips--) elf[random.Next(elf.Length)] = (byte)random.Next(256);
            if (random.Next(4) == 0) Array.Resize(ref elf, random.Next(elf.Length));
            ElfKernel.Parse(elf, out _);
        }
    }

    private static byte[] Mutate(Action<byte[]> change)
    {
        byte[] elf = Pvh64();
        change(elf);
        return elf;
    }
}
