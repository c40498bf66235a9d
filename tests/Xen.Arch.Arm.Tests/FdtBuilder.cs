// Builds flattened device trees for the tests (Devicetree Specification v0.4 chapter 5): a header, the
// memory reservation block, the structure block and the strings block, all big-endian. Raw token access
// lets tests write malformed streams on purpose.
using System.Buffers.Binary;
using System.Text;

namespace Xen.Arch.Arm.Tests;

internal sealed class FdtBuilder
{
    private readonly List<byte> _structure = new();
    private readonly List<byte> _strings = new();
    private readonly Dictionary<string, int> _names = new();
    private readonly List<(ulong Address, ulong Size)> _reservations = new();

    public uint Version { get; set; } = 17;
    public uint LastCompatibleVersion { get; set; } = 16;
    public bool OmitReservationTerminator { get; set; }

    public FdtBuilder BeginNode(string name)
    {
        Token(1);
        _structure.AddRange(Encoding.ASCII.GetBytes(name));
        _structure.Add(0);
        Pad();
        return this;
    }

    public FdtBuilder EndNode() => Token(2);

    public FdtBuilder Nop() => Token(4);

    public FdtBuilder End() => Token(9);

    public FdtBuilder Token(uint token)
    {
        Word(token);
        return this;
    }

    public FdtBuilder Property(string name, byte[] value)
    {
        Token(3);
        Word((uint)value.Length);
        Word((uint)NameOffset(name));
        _structure.AddRange(value);
        Pad();
        return this;
    }

    /// <summary>A property with an explicit (possibly bogus) length and name offset and no value bytes.</summary>
    public FdtBuilder RawProperty(uint length, uint nameOffset)
    {
        Token(3);
        Word(length);
        Word(nameOffset);
        return this;
    }

    public FdtBuilder String(string name, string value) => Property(name, Encoding.ASCII.GetBytes(value + "\0"));

    public FdtBuilder Cells(string name, params uint[] cells)
    {
        byte[] value = new byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(i * 4), cells[i]);
        return Property(name, value);
    }

    public FdtBuilder U64(string name, ulong value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return Property(name, bytes);
    }

    public FdtBuilder Reserve(ulong address, ulong size)
    {
        _reservations.Add((address, size));
        return this;
    }

    public int NameOffset(string name)
    {
        if (_names.TryGetValue(name, out int offset)) return offset;
        offset = _strings.Count;
        _strings.AddRange(Encoding.ASCII.GetBytes(name));
        _strings.Add(0);
        _names[name] = offset;
        return offset;
    }

    /// <summary>Header, reservations at 40, structure block, strings block.</summary>
    public byte[] Build()
    {
        int reserveOffset = 40;
        int reserveSize = (_reservations.Count + (OmitReservationTerminator ? 0 : 1)) * 16;
        int structOffset = reserveOffset + reserveSize;
        int stringsOffset = structOffset + _structure.Count;
        int total = stringsOffset + _strings.Count;
        byte[] blob = new byte[total];
        Span<byte> b = blob;
        BinaryPrimitives.WriteUInt32BigEndian(b[0..], 0xD00DFEED);
        BinaryPrimitives.WriteUInt32BigEndian(b[4..], (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(b[8..], (uint)structOffset);
        BinaryPrimitives.WriteUInt32BigEndian(b[12..], (uint)stringsOffset);
        BinaryPrimitives.WriteUInt32BigEndian(b[16..], (uint)reserveOffset);
        BinaryPrimitives.WriteUInt32BigEndian(b[20..], Version);
        BinaryPrimitives.WriteUInt32BigEndian(b[24..], LastCompatibleVersion);
        BinaryPrimitives.WriteUInt32BigEndian(b[28..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(b[32..], (uint)_strings.Count);
        BinaryPrimitives.WriteUInt32BigEndian(b[36..], (uint)_structure.Count);
        for (int i = 0; i < _reservations.Count; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(b[(reserveOffset + i * 16)..], _reservations[i].Address);
            BinaryPrimitives.WriteUInt64BigEndian(b[(reserveOffset + i * 16 + 8)..], _reservations[i].Size);
        }
        _structure.CopyTo(blob, structOffset);
        _strings.CopyTo(blob, stringsOffset);
        return blob;
    }

    /// <summary>A tree shaped like QEMU virt's: 2/2 cells, one memory node, /chosen with bootargs and initrd.</summary>
    public static FdtBuilder QemuVirtLike(string bootArgs = "selftest semihosting") => new FdtBuilder()
        .BeginNode("")
            .Cells("#address-cells", 2).Cells("#size-cells", 2)
            .String("compatible", "linux,dummy-virt")
            .BeginNode("psci").String("method", "smc").EndNode()
            .BeginNode("memory@40000000")
                .Cells("reg", 0, 0x40000000, 0, 0x10000000)
                .String("device_type", "memory")
            .EndNode()
            .BeginNode("pl011@9000000").Cells("reg", 0, 0x09000000, 0, 0x1000).EndNode()
            .BeginNode("chosen")
                .String("bootargs", bootArgs)
                .U64("linux,initrd-start", 0x48000000)
                .U64("linux,initrd-end", 0x48012345)
                .String("stdout-path", "/pl011@9000000")
            .EndNode()
        .EndNode()
        .End();

    private void Word(uint value)
    {
        _structure.Add((byte)(value >> 24));
        _structure.Add((byte)(value >> 16));
        _structure.Add((byte)(value >> 8));
        _structure.Add((byte)value);
    }

    private void Pad()
    {
        while (_structure.Count % 4 != 0) _structure.Add(0);
    }
}
