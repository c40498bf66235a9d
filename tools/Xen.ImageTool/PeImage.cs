// Minimal PE32+ reader: section table, image base, entry point (Microsoft PE/COFF specification).
using System.Buffers.Binary;

namespace Xen.ImageTool;

/// <summary>A PE section as the loader sees it.</summary>
public readonly record struct PeSection(string Name, uint VirtualAddress, uint VirtualSize, uint RawOffset, uint RawSize, uint Characteristics)
{
    /// <summary>IMAGE_SCN_MEM_EXECUTE.</summary>
    public bool IsExecutable => (Characteristics & 0x20000000) != 0;

    /// <summary>IMAGE_SCN_MEM_WRITE.</summary>
    public bool IsWritable => (Characteristics & 0x80000000) != 0;
}

/// <summary>Reads the parts of a PE32+ image the pipeline needs.</summary>
public sealed class PeImage
{
    private PeImage(ulong imageBase, uint sizeOfImage, uint sizeOfHeaders, IReadOnlyList<PeSection> sections)
    {
        ImageBase = imageBase;
        SizeOfImage = sizeOfImage;
        SizeOfHeaders = sizeOfHeaders;
        Sections = sections;
    }

    /// <summary>Preferred load address.</summary>
    public ulong ImageBase { get; }

    /// <summary>Bytes the image spans in memory.</summary>
    public uint SizeOfImage { get; }

    /// <summary>Bytes of headers at the start of the file (and of the mapped image).</summary>
    public uint SizeOfHeaders { get; }

    /// <summary>The sections, in table order.</summary>
    public IReadOnlyList<PeSection> Sections { get; }

    /// <summary>True if the bytes start with a DOS header.</summary>
    public static bool IsPe(ReadOnlySpan<byte> file) => file.Length > 0x40 && file[0] == 'M' && file[1] == 'Z';

    /// <summary>Parses <paramref name="file"/>; throws <see cref="ImageFormatException"/> on anything unexpected.</summary>
    public static PeImage Parse(ReadOnlySpan<byte> file)
    {
        if (!IsPe(file)) throw new ImageFormatException("not a PE image (no MZ header)");
        int pe = BinaryPrimitives.ReadInt32LittleEndian(file[0x3C..]);
        if (pe < 0 || pe + 24 > file.Length || BinaryPrimitives.ReadUInt32LittleEndian(file[pe..]) != 0x00004550)
            throw new ImageFormatException("PE signature missing");
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(file[(pe + 6)..]);
        int optionalSize = BinaryPrimitives.ReadUInt16LittleEndian(file[(pe + 20)..]);
        int opt = pe + 24;
        if (BinaryPrimitives.ReadUInt16LittleEndian(file[opt..]) != 0x20B) throw new ImageFormatException("not PE32+");
        ulong imageBase = BinaryPrimitives.ReadUInt64LittleEndian(file[(opt + 24)..]);
        uint sizeOfImage = BinaryPrimitives.ReadUInt32LittleEndian(file[(opt + 56)..]);
        uint sizeOfHeaders = BinaryPrimitives.ReadUInt32LittleEndian(file[(opt + 60)..]);
        var sections = new List<PeSection>();
        int table = opt + optionalSize;
        for (int i = 0; i < sectionCount; i++)
        {
            ReadOnlySpan<byte> h = file.Slice(table + i * 40, 40);
            string name = System.Text.Encoding.ASCII.GetString(h[..8]).TrimEnd('\0');
            sections.Add(new PeSection(name,
                BinaryPrimitives.ReadUInt32LittleEndian(h[12..]), BinaryPrimitives.ReadUInt32LittleEndian(h[8..]),
                BinaryPrimitives.ReadUInt32LittleEndian(h[20..]), BinaryPrimitives.ReadUInt32LittleEndian(h[16..]),
                BinaryPrimitives.ReadUInt32LittleEndian(h[36..])));
        }
        return new PeImage(imageBase, sizeOfImage, sizeOfHeaders, sections);
    }

    /// <summary>The file offset holding the byte at virtual address <paramref name="address"/>.</summary>
    public long FileOffsetOf(ulong address)
    {
        foreach (PeSection s in Sections)
        {
            ulong start = ImageBase + s.VirtualAddress;
            if (address >= start && address < start + Math.Min(s.VirtualSize, s.RawSize))
                return s.RawOffset + (long)(address - start);
        }
        throw new ImageFormatException($"address 0x{address:x} is not backed by file data");
    }
}
