// Writes the PVH boot information page into guest memory (xen/include/public/arch-x86/hvm/start_info.h):
//   +0    struct hvm_start_info (version 1)
//   +64   hvm_memmap_table_entry[] (the guest's E820-style map)
//   +512  the NUL-terminated command line (at most CommandLineCapacity bytes incl. NUL)
// One page, so the guest can find everything from EBX without walking memory.
using System;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Domains.Builder;

/// <summary>Builds hvm_start_info.</summary>
public static unsafe class StartInfoWriter
{
    /// <summary>Offset of the memory map in the page.</summary>
    public const int MemoryMapOffset = 64;
    /// <summary>Offset of the command line in the page.</summary>
    public const int CommandLineOffset = 512;
    /// <summary>Room for the command line, including its NUL.</summary>
    public const int CommandLineCapacity = (int)P2m.PageSize - CommandLineOffset;
    /// <summary>Most memory-map entries that fit before the command line.</summary>
    public const int MaxMemoryMapEntries = (CommandLineOffset - MemoryMapOffset) / HvmStartInfoLayout.MemoryMapEntrySize;

    /// <summary>Writes the page at guest-physical <paramref name="pageAddress"/>: one RAM entry covering
    /// [0, <paramref name="ramSize"/>), a reserved entry for the rest of the P2M (the special pages) if any, and
    /// <paramref name="commandLine"/> (truncated to fit). Returns 0 or -EFAULT.</summary>
    public static int Write(P2m p2m, ulong pageAddress, ulong ramSize, ReadOnlySpan<byte> commandLine)
    {
        if ((pageAddress & (P2m.PageSize - 1)) != 0) return -XenErrno.EINVAL;
        Span<byte> page = stackalloc byte[(int)P2m.PageSize];
        page.Clear();
        Put32(page, HvmStartInfoLayout.MagicOffset, HvmStartInfoLayout.Magic);
        Put32(page, HvmStartInfoLayout.VersionOffset, HvmStartInfoLayout.CurrentVersion);
        Put32(page, HvmStartInfoLayout.FlagsOffset, 0);
        Put32(page, HvmStartInfoLayout.ModuleCountOffset, 0);
        int length = Math.Min(commandLine.Length, CommandLineCapacity - 1);
        for (int i = 0; i < length; i++)
        {
            if (commandLine[i] == 0) { length = i; break; }
            page[CommandLineOffset + i] = commandLine[i];
        }
        Put64(page, HvmStartInfoLayout.CommandLineOffset, pageAddress + CommandLineOffset);
        Put64(page, HvmStartInfoLayout.MemoryMapOffset, pageAddress + MemoryMapOffset);
        bool reserved = ramSize < p2m.Size;
        Put32(page, HvmStartInfoLayout.MemoryMapEntriesOffset, reserved ? 2u : 1u);
        Put64(page, MemoryMapOffset, 0);
        Put64(page, MemoryMapOffset + 8, ramSize);
        Put32(page, MemoryMapOffset + 16, HvmStartInfoLayout.MemoryTypeRam);
        if (reserved)
        {
            int e = MemoryMapOffset + HvmStartInfoLayout.MemoryMapEntrySize;
            Put64(page, e, ramSize);
            Put64(page, e + 8, p2m.Size - ramSize);
            Put32(page, e + 16, HvmStartInfoLayout.MemoryTypeReserved);
        }
        return p2m.Write(pageAddress, page);
    }

    private static void Put32(Span<byte> b, int at, uint v)
    {
        b[at] = (byte)v; b[at + 1] = (byte)(v >> 8); b[at + 2] = (byte)(v >> 16); b[at + 3] = (byte)(v >> 24);
    }

    private static void Put64(Span<byte> b, int at, ulong v)
    {
        Put32(b, at, (uint)v);
        Put32(b, at + 4, (uint)(v >> 32));
    }
}
