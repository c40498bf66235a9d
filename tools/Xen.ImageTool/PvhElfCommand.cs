// `pvh-elf`: wraps the fixed-base PE (linked with /fixed /base:0x200000, file and section alignment 4 KiB)
// in an ELF64 executable that QEMU's `-kernel` loads by PVH rules: one PT_LOAD per section at
// p_paddr = its physical address, and a PT_NOTE holding XEN_ELFNOTE_PHYS32_ENTRY (type 18, public/elfnote.h)
// whose 8-byte descriptor is the 32-bit entry point. QEMU reads the descriptor as 64-bit for ELF64 files
// (hw/i386/x86.c read_pvh_start_addr) after a name padded to the note segment's alignment.
using System.Buffers.Binary;

namespace Xen.ImageTool;

/// <summary>Produces the PVH-bootable ELF image.</summary>
public static class PvhElfCommand
{
    private const uint XenElfNotePhys32Entry = 18;
    private const int ElfHeaderSize = 64;
    private const int ProgramHeaderSize = 56;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string pePath, string nmPath, string outputPath)
    {
        byte[] file = File.ReadAllBytes(pePath);
        PeImage pe = PeImage.Parse(file);
        ulong entry = NmListing.Require(NmListing.Parse(File.ReadLines(nmPath)), "xen_pvh_entry32");
        if (entry > uint.MaxValue) throw new ImageFormatException("PVH entry must be below 4 GiB");
        byte[] elf = Build(file, pe, (uint)entry);
        File.WriteAllBytes(outputPath, elf);
        return 0;
    }

    /// <summary>Builds the ELF bytes.</summary>
    public static byte[] Build(byte[] peFile, PeImage pe, uint entry32)
    {
        // The PE headers are mapped too (at ImageBase, as a UEFI loader would): the hypervisor reads its own
        // SizeOfImage from them to keep its image out of the page allocator.
        var sections = pe.Sections.Where(s => s.VirtualSize > 0 && s.Name != ".reloc").ToList();
        sections.Insert(0, new PeSection("headers", 0, pe.SizeOfHeaders, 0, pe.SizeOfHeaders, 0));
        int phnum = sections.Count + 1;
        int noteOffset = ElfHeaderSize + phnum * ProgramHeaderSize;
        const int noteSize = 12 + 4 + 8;
        long dataOffset = Align(noteOffset + noteSize, 4096);
        var fileOffsets = new List<long>();
        foreach (PeSection s in sections)
        {
            fileOffsets.Add(dataOffset);
            dataOffset = Align(dataOffset + Math.Min(s.RawSize, s.VirtualSize), 4096);
        }
        byte[] elf = new byte[dataOffset];
        Span<byte> h = elf;
        h[0] = 0x7F; h[1] = (byte)'E'; h[2] = (byte)'L'; h[3] = (byte)'F';
        h[4] = 2; h[5] = 1; h[6] = 1; // ELFCLASS64, little-endian, version 1
        BinaryPrimitives.WriteUInt16LittleEndian(h[16..], 2); // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(h[18..], 62); // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(h[24..], entry32);
        BinaryPrimitives.WriteUInt64LittleEndian(h[32..], ElfHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(h[52..], ElfHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(h[54..], ProgramHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(h[56..], (ushort)phnum);

        WriteProgramHeader(h[ElfHeaderSize..], type: 4, flags: 4, (ulong)noteOffset, 0, noteSize, noteSize, align: 4);
        Span<byte> note = h[noteOffset..];
        BinaryPrimitives.WriteUInt32LittleEndian(note, 4);      // namesz: "Xen\0"
        BinaryPrimitives.WriteUInt32LittleEndian(note[4..], 8); // descsz
        BinaryPrimitives.WriteUInt32LittleEndian(note[8..], XenElfNotePhys32Entry);
        note[12] = (byte)'X'; note[13] = (byte)'e'; note[14] = (byte)'n';
        BinaryPrimitives.WriteUInt64LittleEndian(note[16..], entry32);

        for (int i = 0; i < sections.Count; i++)
        {
            PeSection s = sections[i];
            ulong address = pe.ImageBase + s.VirtualAddress;
            ulong fileSize = Math.Min(s.RawSize, s.VirtualSize);
            uint flags = 4u | (s.IsWritable ? 2u : 0u) | (s.IsExecutable ? 1u : 0u);
            WriteProgramHeader(h[(ElfHeaderSize + (i + 1) * ProgramHeaderSize)..], 1, flags, (ulong)fileOffsets[i], address, fileSize, s.VirtualSize, 4096);
            Array.Copy(peFile, s.RawOffset, elf, fileOffsets[i], (long)fileSize);
        }
        return elf;
    }

    private static void WriteProgramHeader(Span<byte> p, uint type, uint flags, ulong offset, ulong address, ulong fileSize, ulong memSize, ulong align)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(p, type);
        BinaryPrimitives.WriteUInt32LittleEndian(p[4..], flags);
        BinaryPrimitives.WriteUInt64LittleEndian(p[8..], offset);
        BinaryPrimitives.WriteUInt64LittleEndian(p[16..], address);
        BinaryPrimitives.WriteUInt64LittleEndian(p[24..], address);
        BinaryPrimitives.WriteUInt64LittleEndian(p[32..], fileSize);
        BinaryPrimitives.WriteUInt64LittleEndian(p[40..], memSize);
        BinaryPrimitives.WriteUInt64LittleEndian(p[48..], align);
    }

    private static long Align(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
