// Parses an ELF32/ELF64 x86 kernel for the domain builder: the PT_LOAD segments and the Xen ELF notes in
// PT_NOTE segments (xen/include/public/elfnote.h; note = namesz, descsz, type, name padded to 4, desc padded
// to 4). PVH kernels carry XEN_ELFNOTE_PHYS32_ENTRY (a 32-bit physical entry, docs/misc/pvh.pandoc).
// ELF layouts from the System V gABI: ELF64 header 64 bytes (phoff +32, phentsize +54, phnum +56),
// phdr 56 bytes; ELF32 header 52 bytes (phoff +28, phentsize +42, phnum +44), phdr 32 bytes.
using System;
using Xen.Core.Public;

namespace Xen.Core.Domains.Builder;

/// <summary>What the builder needs from a kernel image.</summary>
public sealed class ElfKernel
{
    /// <summary>Most PT_LOADs accepted (kernels have a handful).</summary>
    public const int MaxSegments = 16;

    private const uint PtLoad = 1, PtNote = 4;
    private const ushort EmX86 = 3, EmX86_64 = 62;

    private ElfKernel(ElfSegment[] segments, int count) { Segments = segments; SegmentCount = count; }

    /// <summary>The PT_LOAD segments (first <see cref="SegmentCount"/> entries).</summary>
    public ElfSegment[] Segments { get; }

    /// <summary>Number of PT_LOAD segments.</summary>
    public int SegmentCount { get; }

    /// <summary>True for ELFCLASS64.</summary>
    public bool Is64Bit { get; private set; }

    /// <summary>e_entry.</summary>
    public ulong Entry { get; private set; }

    /// <summary>XEN_ELFNOTE_PHYS32_ENTRY, when present.</summary>
    public ulong Phys32Entry { get; private set; }

    /// <summary>True if the kernel has XEN_ELFNOTE_PHYS32_ENTRY (it supports the PVH boot ABI).</summary>
    public bool HasPhys32Entry { get; private set; }

    /// <summary>XEN_ELFNOTE_HYPERCALL_PAGE (a virtual address), when present.</summary>
    public ulong HypercallPage { get; private set; }

    /// <summary>XEN_ELFNOTE_VIRT_BASE, when present.</summary>
    public ulong VirtBase { get; private set; }

    /// <summary>Number of Xen notes seen.</summary>
    public int XenNoteCount { get; private set; }

    /// <summary>Lowest and highest (exclusive) guest-physical address the segments occupy.</summary>
    public ulong LowestAddress { get; private set; }

    /// <inheritdoc cref="LowestAddress"/>
    public ulong HighestAddress { get; private set; }

    /// <summary>Parses <paramref name="image"/>; returns <see cref="ElfError.None"/> with the kernel, or the error.</summary>
    public static ElfError Parse(ReadOnlySpan<byte> image, out ElfKernel? kernel)
    {
        kernel = null;
        if (image.Length < 52 || image[0] != 0x7F || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            return ElfError.NotElf;
        bool is64 = image[4] == 2;
        if ((image[4] != 1 && image[4] != 2) || image[5] != 1) return ElfError.Unsupported; // class, ELFDATA2LSB
        if (is64 && image.Length < 64) return ElfError.NotElf;
        ushort machine = U16(image, 18);
        if (machine != (is64 ? EmX86_64 : EmX86)) return ElfError.Unsupported;
        ulong entry = is64 ? U64(image, 24) : U32(image, 24);
        ulong phoff = is64 ? U64(image, 32) : U32(image, 28);
        int phentsize = U16(image, is64 ? 54 : 42);
        int phnum = U16(image, is64 ? 56 : 44);
        int minimum = is64 ? 56 : 32;
        if (phnum == 0 || phentsize < minimum) return ElfError.BadProgramHeaders;
        if (phoff > (ulong)image.Length || (ulong)phnum * (ulong)phentsize > (ulong)image.Length - phoff)
            return ElfError.BadProgramHeaders;

        var segments = new ElfSegment[MaxSegments];
        int count = 0;
        var result = new ElfKernel(segments, 0);
        ulong low = ulong.MaxValue, high = 0;
        for (int i = 0; i < phnum; i++)
        {
            ReadOnlySpan<byte> ph = image.Slice((int)phoff + i * phentsize, phentsize);
            uint type = U32(ph, 0);
            ulong offset = is64 ? U64(ph, 8) : U32(ph, 4);
            ulong paddr = is64 ? U64(ph, 24) : U32(ph, 12);
            ulong filesz = is64 ? U64(ph, 32) : U32(ph, 16);
            ulong memsz = is64 ? U64(ph, 40) : U32(ph, 20);
            if (type != PtLoad && type != PtNote) continue;
            if (offset > (ulong)image.Length || filesz > (ulong)image.Length - offset) return ElfError.BadSegment;
            if (type == PtNote)
            {
                ElfError noteError = result.ReadNotes(image.Slice((int)offset, (int)filesz));
                if (noteError != ElfError.None) return noteError;
                continue;
            }
            if (filesz > memsz || paddr + memsz < paddr) return ElfError.BadSegment;
            if (memsz == 0) continue;
            if (count == MaxSegments) return ElfError.NoSegments;
            segments[count++] = new ElfSegment { FileOffset = offset, FileSize = filesz, PhysicalAddress = paddr, MemorySize = memsz };
            if (paddr < low) low = paddr;
            if (paddr + memsz > high) high = paddr + memsz;
        }
        if (count == 0) return ElfError.NoSegments;
        kernel = new ElfKernel(segments, count)
        {
            Is64Bit = is64, Entry = entry, LowestAddress = low, HighestAddress = high,
            Phys32Entry = result.Phys32Entry, HasPhys32Entry = result.HasPhys32Entry,
            HypercallPage = result.HypercallPage, VirtBase = result.VirtBase, XenNoteCount = result.XenNoteCount,
        };
        return ElfError.None;
    }

    private ElfError ReadNotes(ReadOnlySpan<byte> notes)
    {
        int at = 0;
        while (notes.Length - at >= 12)
        {
            uint namesz = U32(notes, at), descsz = U32(notes, at + 4), type = U32(notes, at + 8);
            ulong nameEnd = (ulong)at + 12 + Align4(namesz);
            ulong descEnd = nameEnd + Align4(descsz);
            if (namesz > (uint)notes.Length || descsz > (uint)notes.Length || descEnd > (ulong)notes.Length)
                return ElfError.BadNote;
            ReadOnlySpan<byte> name = notes.Slice(at + 12, (int)namesz);
            ReadOnlySpan<byte> desc = notes.Slice((int)nameEnd, (int)descsz);
            if (IsXen(name)) Record(type, desc);
            at = (int)descEnd;
        }
        return ElfError.None;
    }

    private void Record(uint type, ReadOnlySpan<byte> desc)
    {
        XenNoteCount++;
        // Numeric notes are 4 or 8 bytes (Linux emits .long for PHYS32_ENTRY, QEMU also accepts .quad).
        ulong value = desc.Length >= 8 ? U64(desc, 0) : desc.Length >= 4 ? U32(desc, 0) : 0;
        if (desc.Length < 4) return;
        if (type == XenElfNote.Phys32Entry) { Phys32Entry = value & 0xFFFFFFFF; HasPhys32Entry = true; }
        else if (type == XenElfNote.HypercallPage) HypercallPage = value;
        else if (type == XenElfNote.VirtBase) VirtBase = value;
    }

    private static bool IsXen(ReadOnlySpan<byte> name) =>
        name.Length >= 3 && name[0] == (byte)'X' && name[1] == (byte)'e' && name[2] == (byte)'n' && (name.Length == 3 || name[3] == 0);

    private static ulong Align4(uint value) => ((ulong)value + 3) & ~3UL;
    private static ushort U16(ReadOnlySpan<byte> b, int at) => (ushort)(b[at] | b[at + 1] << 8);
    private static uint U32(ReadOnlySpan<byte> b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);
    private static ulong U64(ReadOnlySpan<byte> b, int at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;
}
