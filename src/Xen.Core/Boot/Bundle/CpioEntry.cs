// One member of a cpio "newc" archive as offsets into the archive (zero-copy): the name and data are slices
// of the caller's bytes, so entries can be kept in arrays and resolved again against the same span.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>A cpio member: where its name (without the NUL) and data lie in the archive, and its mode.</summary>
public readonly struct CpioEntry
{
    /// <summary>Creates an entry.</summary>
    public CpioEntry(int headerOffset, int nameOffset, int nameLength, int dataOffset, int dataLength, uint mode)
    {
        HeaderOffset = headerOffset;
        NameOffset = nameOffset;
        NameLength = nameLength;
        DataOffset = dataOffset;
        DataLength = dataLength;
        Mode = mode;
    }

    /// <summary>Offset of the entry's header.</summary>
    public int HeaderOffset { get; }

    /// <summary>Offset of the name.</summary>
    public int NameOffset { get; }

    /// <summary>Name length without the terminating NUL.</summary>
    public int NameLength { get; }

    /// <summary>Offset of the file data.</summary>
    public int DataOffset { get; }

    /// <summary>File data length (c_filesize).</summary>
    public int DataLength { get; }

    /// <summary>c_mode: file type (bits 12-15) and permissions.</summary>
    public uint Mode { get; }

    /// <summary>True for a regular file (S_IFREG, 0100000).</summary>
    public bool IsRegularFile => (Mode & 0xF000) == 0x8000;

    /// <summary>The name bytes in <paramref name="archive"/>.</summary>
    public ReadOnlySpan<byte> Name(ReadOnlySpan<byte> archive) => archive.Slice(NameOffset, NameLength);

    /// <summary>The data bytes in <paramref name="archive"/>.</summary>
    public ReadOnlySpan<byte> Data(ReadOnlySpan<byte> archive) => archive.Slice(DataOffset, DataLength);
}
