// Reads cpio "newc" archives (the Linux initramfs format, SVR4 portable "070701"): each member is a 110-byte
// ASCII header — magic "070701", then 13 fields of 8 hex digits: ino, mode, uid, gid, nlink, mtime, filesize,
// devmajor, devminor, rdevmajor, rdevminor, namesize (with the NUL), check — followed by the name, padded so
// that header + name is a multiple of 4, then the data, padded to 4. The member named "TRAILER!!!" ends the
// archive. (Linux Documentation/driver-api/early-userspace/buffer-format.rst, cpio(5).)
// Zero-copy over the caller's span; every field is validated, and errors come back as a CpioError plus the
// offset where it was found, never as an exception.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>Iterates the members of a cpio newc archive.</summary>
public ref struct CpioNewcReader
{
    /// <summary>Bytes in a newc header.</summary>
    public const int HeaderSize = 110;

    private readonly ReadOnlySpan<byte> _archive;
    private int _offset;
    private bool _done;

    /// <summary>Reads <paramref name="archive"/> from its first byte.</summary>
    public CpioNewcReader(ReadOnlySpan<byte> archive)
    {
        _archive = archive;
        _offset = 0;
        _done = false;
        Error = CpioError.None;
        ErrorOffset = 0;
    }

    /// <summary>Why reading stopped early (None after a clean end at the trailer).</summary>
    public CpioError Error { get; private set; }

    /// <summary>Byte offset in the archive of the problem.</summary>
    public int ErrorOffset { get; private set; }

    /// <summary>True if <paramref name="data"/> starts like a newc archive ("07070").</summary>
    public static bool LooksLikeCpio(ReadOnlySpan<byte> data) =>
        data.Length >= 6 && data[0] == (byte)'0' && data[1] == (byte)'7' && data[2] == (byte)'0' && data[3] == (byte)'7'
        && data[4] == (byte)'0' && (data[5] == (byte)'1' || data[5] == (byte)'2');

    /// <summary>The next member before the trailer; false at the trailer or on an error (see <see cref="Error"/>).</summary>
    public bool Next(out CpioEntry entry)
    {
        entry = default;
        if (_done) return false;
        int at = _offset;
        if (_archive.Length - at < HeaderSize)
            return Fail(at == _archive.Length || IsZero(_archive.Slice(at)) ? CpioError.MissingTrailer : CpioError.TruncatedHeader, at);
        if (!LooksLikeCpio(_archive.Slice(at, 6)))
            return Fail(IsZero(_archive.Slice(at)) ? CpioError.MissingTrailer : CpioError.BadMagic, at);
        if (!Field(at, 1, out uint mode) || !Field(at, 6, out uint fileSize) || !Field(at, 11, out uint nameSize)) return false;
        // Validate the fields the reader does not use too: a corrupt header is reported, not half-trusted.
        for (int f = 0; f < 13; f++)
            if (!Field(at, f, out _)) return false;
        if (nameSize == 0) return Fail(CpioError.EmptyName, at + 6 + 11 * 8);
        int nameOffset = at + HeaderSize;
        if (nameSize > (uint)(_archive.Length - nameOffset)) return Fail(CpioError.NamePastEnd, nameOffset);
        int nameLength = (int)nameSize - 1;
        ReadOnlySpan<byte> name = _archive.Slice(nameOffset, nameLength);
        if (_archive[nameOffset + nameLength] != 0 || name.IndexOf((byte)0) >= 0)
            return Fail(CpioError.NameNotTerminated, nameOffset);
        long dataOffset = Align4((long)nameOffset + nameSize);
        if (dataOffset > _archive.Length || fileSize > (ulong)(_archive.Length - dataOffset))
            return Fail(CpioError.DataPastEnd, (int)(dataOffset > _archive.Length ? _archive.Length : dataOffset));
        if (IsTrailer(name))
        {
            _done = true;
            return false;
        }
        long next = Align4(dataOffset + fileSize);
        _offset = next > _archive.Length ? _archive.Length : (int)next;
        entry = new CpioEntry(at, nameOffset, nameLength, (int)dataOffset, (int)fileSize, mode);
        return true;
    }

    /// <summary>Reads every member; true if the archive ended cleanly with the trailer.</summary>
    public bool SkipToEnd()
    {
        while (Next(out _)) { }
        return Error == CpioError.None;
    }

    /// <summary>True once the trailer was reached.</summary>
    public readonly bool ReachedTrailer => _done && Error == CpioError.None;

    private bool Field(int header, int index, out uint value)
    {
        value = 0;
        int start = header + 6 + index * 8;
        for (int i = 0; i < 8; i++)
        {
            int digit = HexDigit(_archive[start + i]);
            if (digit < 0) return Fail(CpioError.BadHexField, start + i);
            value = value << 4 | (uint)digit;
        }
        return true;
    }

    private static int HexDigit(byte b)
    {
        if (b >= (byte)'0' && b <= (byte)'9') return b - '0';
        if (b >= (byte)'a' && b <= (byte)'f') return b - 'a' + 10;
        if (b >= (byte)'A' && b <= (byte)'F') return b - 'A' + 10;
        return -1;
    }

    private static bool IsZero(ReadOnlySpan<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
            if (bytes[i] != 0) return false;
        return true;
    }

    private static long Align4(long value) => (value + 3) & ~3L;

    private static bool IsTrailer(ReadOnlySpan<byte> name) =>
        name.Length == 10 && name[0] == (byte)'T' && name[1] == (byte)'R' && name[2] == (byte)'A' && name[3] == (byte)'I'
        && name[4] == (byte)'L' && name[5] == (byte)'E' && name[6] == (byte)'R' && name[7] == (byte)'!' && name[8] == (byte)'!'
        && name[9] == (byte)'!';

    private bool Fail(CpioError error, int offset)
    {
        Error = error;
        ErrorOffset = offset;
        _done = true;
        return false;
    }
}
