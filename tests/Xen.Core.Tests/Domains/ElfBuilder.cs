// Builds small ELF kernels in memory for loader tests.
using System.Buffers.Binary;

namespace Xen.Core.Tests.Domains;

internal static class ElfBuilder
{
    /// <summary>ELF64 x86-64: one PT_NOTE with the given notes, then PT_LOADs (paddr, file bytes, memsz).</summary>
    public static byte[] Elf64((ulong Paddr, byte[] Data, ulong MemSize)[] loads, params (uint Type, byte[] Desc)[] notes)
    {
        byte[] noteBytes = Notes(notes);
        int phnum = 1 + loads.Length;
        int noteOffset = 64 + phnum * 56;
        int dataOffset = noteOffset + noteBytes.Length;
        var file = new List<byte>(new byte[dataOffset]);
        byte[] h = new byte[dataOffset];
        h[0] = 0x7F; h[1] = (byte)'E'; h[2] = (byte)'L'; h[3] = (byte)'F'; h[4] = 2; h[5] = 1; h[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(16), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(18), 62);
        BinaryPrimitives.WriteUInt64LittleEndian(h.AsSpan(24), 0x100000);
        BinaryPrimitives.WriteUInt64LittleEndian(h.AsSpan(32), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(54), 56);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(56), (ushort)phnum);
        Phdr64(h.AsSpan(64), 4, (ulong)noteOffset, 0, (ulong)noteBytes.Length, (ulong)noteBytes.Length);
        noteBytes.CopyTo(h, noteOffset);
        var data = new List<byte>();
        for (int i = 0; i < loads.Length; i++)
        {
            Phdr64(h.AsSpan(64 + (i + 1) * 56), 1, (ulong)(dataOffset + data.Count), loads[i].Paddr, (ulong)loads[i].Data.Length, loads[i].MemSize);
            data.AddRange(loads[i].Data);
        }
        return h.Concat(data).ToArray();
    }

    /// <summary>ELF32 i386 with one PT_LOAD and a 4-byte PHYS32_ENTRY note.</summary>
    public static byte[] Elf32(uint paddr, byte[] code, uint entry)
    {
        byte[] notes = Notes((18, BitConverter.GetBytes(entry)));
        int noteOffset = 52 + 2 * 32;
        int dataOffset = noteOffset + notes.Length;
        byte[] h = new byte[dataOffset];
        h[0] = 0x7F; h[1] = (byte)'E'; h[2] = (byte)'L'; h[3] = (byte)'F'; h[4] = 1; h[5] = 1; h[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(16), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(18), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(24), entry);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(28), 52);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(42), 32);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(44), 2);
        Phdr32(h.AsSpan(52), 4, (uint)noteOffset, 0, (uint)notes.Length, (uint)notes.Length);
        Phdr32(h.AsSpan(84), 1, (uint)dataOffset, paddr, (uint)code.Length, (uint)code.Length + 100);
        notes.CopyTo(h, noteOffset);
        return h.Concat(code).ToArray();
    }

    public static byte[] Notes(params (uint Type, byte[] Desc)[] notes)
    {
        var bytes = new List<byte>();
        foreach (var (type, desc) in notes)
        {
            bytes.AddRange(BitConverter.GetBytes(4u));
            bytes.AddRange(BitConverter.GetBytes((uint)desc.Length));
            bytes.AddRange(BitConverter.GetBytes(type));
            bytes.AddRange("Xen\0"u8.ToArray());
            bytes.AddRange(desc);
            while (bytes.Count % 4 != 0) bytes.Add(0);
        }
        return bytes.ToArray();
    }

    private static void Phdr64(Span<byte> p, uint type, ulong offset, ulong paddr, ulong filesz, ulong memsz)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(p, type);
        BinaryPrimitives.WriteUInt64LittleEndian(p[8..], offset);
        BinaryPrimitives.WriteUInt64LittleEndian(p[16..], paddr);
        BinaryPrimitives.WriteUInt64LittleEndian(p[24..], paddr);
        BinaryPrimitives.WriteUInt64LittleEndian(p[32..], filesz);
        BinaryPrimitives.WriteUInt64LittleEndian(p[40..], memsz);
    }

    private static void Phdr32(Span<byte> p, uint type, uint offset, uint paddr, uint filesz, uint memsz)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(p, type);
        BinaryPrimitives.WriteUInt32LittleEndian(p[4..], offset);
        BinaryPrimitives.WriteUInt32LittleEndian(p[8..], paddr);
        BinaryPrimitives.WriteUInt32LittleEndian(p[12..], paddr);
        BinaryPrimitives.WriteUInt32LittleEndian(p[16..], filesz);
        BinaryPrimitives.WriteUInt32LittleEndian(p[20..], memsz);
    }
}
