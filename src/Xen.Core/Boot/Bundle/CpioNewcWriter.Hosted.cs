// Writes cpio "newc" archives (the format CpioNewcReader reads) for tests and the xen-bundle tool: each member
// is the 110-byte header "070701" + 13 eight-digit hex fields, the NUL-terminated name padded to a 4-byte
// boundary (counted from the header start), the data padded to 4, and finally the "TRAILER!!!" member.
// Hosted only: images never write archives.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Xen.Core.Boot.Bundle;

/// <summary>Builds a cpio newc archive in memory.</summary>
public sealed class CpioNewcWriter
{
    /// <summary>S_IFREG | 0644.</summary>
    public const uint RegularFileMode = 0x81A4;

    /// <summary>S_IFDIR | 0755.</summary>
    public const uint DirectoryMode = 0x41ED;

    private readonly MemoryStream _output = new();
    private uint _inode = 1;
    private bool _finished;

    /// <summary>Modification time written into headers (seconds since 1970; fixed for reproducible archives).</summary>
    public uint ModificationTime { get; set; }

    /// <summary>Adds a regular file.</summary>
    public CpioNewcWriter AddFile(string name, ReadOnlySpan<byte> data, uint mode = RegularFileMode)
    {
        Member(Encoding.UTF8.GetBytes(name), data, mode, 1);
        return this;
    }

    /// <summary>Adds a directory entry.</summary>
    public CpioNewcWriter AddDirectory(string name)
    {
        Member(Encoding.UTF8.GetBytes(name), ReadOnlySpan<byte>.Empty, DirectoryMode, 2);
        return this;
    }

    /// <summary>Writes the trailer and returns the archive (the writer cannot be used afterwards).</summary>
    public byte[] Finish()
    {
        if (!_finished)
        {
            _inode = 0;
            Member(Encoding.ASCII.GetBytes("TRAILER!!!"), ReadOnlySpan<byte>.Empty, 0, 1);
            _finished = true;
        }
        return _output.ToArray();
    }

    /// <summary>An archive of <paramref name="files"/> (regular files) in the given order.</summary>
    public static byte[] Create(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        var writer = new CpioNewcWriter();
        foreach (KeyValuePair<string, byte[]> f in files) writer.AddFile(f.Key, f.Value);
        return writer.Finish();
    }

    private void Member(byte[] name, ReadOnlySpan<byte> data, uint mode, uint links)
    {
        if (_finished) throw new InvalidOperationException("the archive is finished");
        var header = new StringBuilder("070701", CpioNewcReader.HeaderSize);
        uint[] fields =
        {
            _inode == 0 ? 0 : _inode++, mode, 0, 0, links, ModificationTime, (uint)data.Length,
            0, 0, 0, 0, (uint)name.Length + 1, 0,
        };
        foreach (uint f in fields) header.Append(f.ToString("X8"));
        _output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        _output.Write(name);
        _output.WriteByte(0);
        Pad();
        _output.Write(data);
        Pad();
    }

    private void Pad()
    {
        while (_output.Length % 4 != 0) _output.WriteByte(0);
    }
}
