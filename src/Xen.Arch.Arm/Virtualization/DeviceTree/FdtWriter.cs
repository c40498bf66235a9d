// Writes a flattened device tree blob (Devicetree Specification v0.4, chapter 5): header (40 bytes, big-endian
// fields: magic 0xd00dfeed, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version 17,
// last_comp_version 16, boot_cpuid_phys, size_dt_strings, size_dt_struct), an empty memory reservation block
// (one {0, 0} pair), the structure block (FDT_BEGIN_NODE 1 + name, FDT_PROP 3 + {len, nameoff} + value,
// FDT_END_NODE 2, FDT_END 9; everything 4-byte aligned) and the strings block (property names, shared).
// Fixed-capacity buffers allocated once; an overflow makes Finish fail instead of writing past them.
using System;

namespace Xen.Arch.Arm.Virtualization.DeviceTree;

/// <summary>Builds a DTB node by node.</summary>
public sealed class FdtWriter
{
    private const uint Magic = 0xD00DFEED, BeginNodeToken = 1, EndNodeToken = 2, PropToken = 3, EndToken = 9;
    private const int HeaderSize = 40, ReservationBlockSize = 16;

    private readonly byte[] _struct;
    private readonly byte[] _strings;
    private int _structLength, _stringsLength, _depth;
    private bool _overflow;

    /// <summary>Creates a writer with room for <paramref name="capacity"/> bytes of structure and of strings.</summary>
    public FdtWriter(int capacity = 8192)
    {
        _struct = new byte[capacity];
        _strings = new byte[capacity / 4];
    }

    /// <summary>Opens a node (the root is named "").</summary>
    public void BeginNode(string name)
    {
        Token(BeginNodeToken);
        for (int i = 0; i < name.Length; i++) Byte((byte)name[i]);
        Byte(0);
        Align();
        _depth++;
    }

    /// <summary>Closes the innermost node.</summary>
    public void EndNode()
    {
        Token(EndNodeToken);
        _depth--;
    }

    /// <summary>A property with raw bytes.</summary>
    public void Property(string name, ReadOnlySpan<byte> value)
    {
        Token(PropToken);
        Token((uint)value.Length);
        Token((uint)NameOffset(name));
        for (int i = 0; i < value.Length; i++) Byte(value[i]);
        Align();
    }

    /// <summary>An empty property (a flag such as interrupt-controller).</summary>
    public void Empty(string name) => Property(name, ReadOnlySpan<byte>.Empty);

    /// <summary>A property of 32-bit cells.</summary>
    public void Cells(string name, ReadOnlySpan<uint> cells)
    {
        Span<byte> value = stackalloc byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++) Put32(value, i * 4, cells[i]);
        Property(name, value);
    }

    /// <summary>A one-cell property.</summary>
    public void Cell(string name, uint value)
    {
        Span<uint> cells = stackalloc uint[1];
        cells[0] = value;
        Cells(name, cells);
    }

    /// <summary>A string list: each string NUL-terminated (a single string is a one-element list).</summary>
    public void Strings(string name, string first, string? second = null, string? third = null)
    {
        int length = first.Length + 1 + (second is null ? 0 : second.Length + 1) + (third is null ? 0 : third.Length + 1);
        Span<byte> value = stackalloc byte[length];
        int at = Copy(value, 0, first);
        if (second is not null) at = Copy(value, at, second);
        if (third is not null) Copy(value, at, third);
        Property(name, value);
    }

    /// <summary>Assembles the blob into <paramref name="output"/>; its size, or -1 when it does not fit or a
    /// node was left open.</summary>
    public int Finish(Span<byte> output)
    {
        if (_depth != 0) return -1;
        Token(EndToken);
        if (_overflow) return -1;
        int structOffset = HeaderSize + ReservationBlockSize;
        int stringsOffset = structOffset + _structLength;
        int total = stringsOffset + _stringsLength;
        if (total > output.Length) return -1;
        output.Slice(0, total).Clear();
        Put32(output, 0, Magic);
        Put32(output, 4, (uint)total);
        Put32(output, 8, (uint)structOffset);
        Put32(output, 12, (uint)stringsOffset);
        Put32(output, 16, HeaderSize);
        Put32(output, 20, 17);
        Put32(output, 24, 16);
        Put32(output, 28, 0);
        Put32(output, 32, (uint)_stringsLength);
        Put32(output, 36, (uint)_structLength);
        new ReadOnlySpan<byte>(_struct, 0, _structLength).CopyTo(output.Slice(structOffset));
        new ReadOnlySpan<byte>(_strings, 0, _stringsLength).CopyTo(output.Slice(stringsOffset));
        return total;
    }

    private int NameOffset(string name)
    {
        // Reuse an existing copy of the name (the block is small: a linear scan is fine).
        for (int start = 0; start < _stringsLength;)
        {
            int end = start;
            while (end < _stringsLength && _strings[end] != 0) end++;
            if (end - start == name.Length)
            {
                bool same = true;
                for (int i = 0; i < name.Length && same; i++) same = _strings[start + i] == (byte)name[i];
                if (same) return start;
            }
            start = end + 1;
        }
        int offset = _stringsLength;
        if (_stringsLength + name.Length + 1 > _strings.Length) { _overflow = true; return 0; }
        for (int i = 0; i < name.Length; i++) _strings[_stringsLength++] = (byte)name[i];
        _strings[_stringsLength++] = 0;
        return offset;
    }

    private static int Copy(Span<byte> target, int at, string text)
    {
        for (int i = 0; i < text.Length; i++) target[at++] = (byte)text[i];
        target[at++] = 0;
        return at;
    }

    private void Token(uint value)
    {
        Byte((byte)(value >> 24));
        Byte((byte)(value >> 16));
        Byte((byte)(value >> 8));
        Byte((byte)value);
    }

    private void Byte(byte value)
    {
        if (_structLength >= _struct.Length) { _overflow = true; return; }
        _struct[_structLength++] = value;
    }

    private void Align()
    {
        while ((_structLength & 3) != 0) Byte(0);
    }

    private static void Put32(Span<byte> target, int offset, uint value)
    {
        target[offset] = (byte)(value >> 24);
        target[offset + 1] = (byte)(value >> 16);
        target[offset + 2] = (byte)(value >> 8);
        target[offset + 3] = (byte)value;
    }
}
