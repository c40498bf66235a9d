// Loads a PVH kernel into a domain's memory the way Xen's domain builder does for PVH guests: each PT_LOAD
// at its physical address (file bytes, then zeros to memsz), the start info page on the first page boundary
// after the kernel, and the boot vCPU entering at XEN_ELFNOTE_PHYS32_ENTRY with EBX = start info
// (docs/misc/pvh.pandoc). Everything is checked against the P2M first, so a hostile image cannot make the
// builder write outside the domain.
using System;
using Xen.Core.Memory;

namespace Xen.Core.Domains.Builder;

/// <summary>PVH kernel loader.</summary>
public static class PvhLoader
{
    /// <summary>Loads <paramref name="image"/> into <paramref name="p2m"/>; on success <paramref name="boot"/>
    /// holds the entry state. <paramref name="elfError"/> says why an ELF was rejected.</summary>
    public static BuildError Load(P2m p2m, ReadOnlySpan<byte> image, ReadOnlySpan<byte> commandLine,
        out VcpuBootState boot, out ElfError elfError)
    {
        boot = default;
        elfError = ElfKernel.Parse(image, out ElfKernel? kernel);
        if (elfError != ElfError.None || kernel is null) return BuildError.BadElf;
        if (!kernel.HasPhys32Entry) return BuildError.NotPvh;
        ulong startInfo = (kernel.HighestAddress + P2m.PageSize - 1) & ~(P2m.PageSize - 1);
        if (startInfo < kernel.HighestAddress || startInfo + P2m.PageSize > SpecialPages.RamEnd(p2m)) return BuildError.DoesNotFit;
        if (!p2m.IsMapped(kernel.Phys32Entry, 1)) return BuildError.DoesNotFit;
        for (int i = 0; i < kernel.SegmentCount; i++)
        {
            ElfSegment s = kernel.Segments[i];
            if (!p2m.IsMapped(s.PhysicalAddress, s.MemorySize)) return BuildError.DoesNotFit;
        }
        for (int i = 0; i < kernel.SegmentCount; i++)
        {
            ElfSegment s = kernel.Segments[i];
            p2m.Write(s.PhysicalAddress, image.Slice((int)s.FileOffset, (int)s.FileSize));
            p2m.Clear(s.PhysicalAddress + s.FileSize, s.MemorySize - s.FileSize);
        }
        if (StartInfoWriter.Write(p2m, startInfo, SpecialPages.RamEnd(p2m), commandLine) != 0) return BuildError.DoesNotFit;
        boot = new VcpuBootState { Mode = VcpuBootMode.Pvh32, EntryPoint = kernel.Phys32Entry, BootInfoAddress = startInfo };
        return BuildError.None;
    }
}
