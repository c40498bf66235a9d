// Minimal ELF64 reader for the arm64 images: program headers only (what a loader uses).
using System.Buffers.Binary;

namespace Xen.ImageTool;

/// <summary>Reads PT_LOAD segments of an ELF64 little-endian file.</summary>
public sealed class ElfImage
{
    private readonly List<(ulong Offset, ulong VAddr, ulong FileSize, ulong MemSize)> _loads = new();

    /// <summary>True if the bytes start with the ELF magic.</summary>
    public static bool IsElf(ReadOnlySpan<byte> file) => file.Length > 64 && file[0] == 0x7F && file[1] == 'E' && file[2] == 'L' && file[3] == 'F';

    /// <summary>Parses the program headers.</summary>
    public static ElfImage Parse(ReadOnlySpan<byte> file)
    {
        if (!IsElf(file) || file[4] != 2) throw new ImageFormatException("not an ELF64 file");
        var image = new ElfImage();
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(file[32..]);
        int phentsize = BinaryPrimitives.ReadUInt16LittleEndian(file[54..]);
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(file[56..]);
        for (int i = 0; i < phnum; i++)
        {
            ReadOnlySpan<byte> ph = file.Slice((int)phoff + i * phentsize, phentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != 1) continue; // PT_LOAD
            image._loads.Add((BinaryPrimitives.ReadUInt64LittleEndian(ph[8..]), BinaryPrimitives.ReadUInt64LittleEndian(ph[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(ph[32..]), BinaryPrimitives.ReadUInt64LittleEndian(ph[40..])));
        }
        if (image._loads.Count == 0) throw new ImageFormatException("ELF has no PT_LOAD segment");
        return image;
    }

    /// <summary>The lowest load address.</summary>
    public ulong LowestAddress => _loads.Min(l => l.VAddr);

    /// <summary>Bytes from the lowest to the highest loaded address (including .bss).</summary>
    public ulong MemorySpan => _loads.Max(l => l.VAddr + l.MemSize) - LowestAddress;

    /// <summary>The file offset holding the byte at <paramref name="address"/>.</summary>
    public long FileOffsetOf(ulong address)
    {
        foreach (var l in _loads)
            if (address >= l.VAddr && address < l.VAddr + l.FileSize) return (long)(l.Offset + (address - l.VAddr));
        throw new ImageFormatException($"address 0x{address:x} is not backed by file data");
    }
}
