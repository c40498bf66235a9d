// The UEFI memory map (UEFI 2.x, EFI_BOOT_SERVICES.GetMemoryMap): descriptors of DescriptorSize bytes (at
// least 40; firmware may append fields, so always step by the reported size), each
// {u32 Type @0, u64 PhysicalStart @8, u64 VirtualStart @16, u64 NumberOfPages @24 (4 KiB), u64 Attribute @32}.
// Converted after ExitBootServices and after we left the firmware's stack and page tables, so loader and
// boot-services memory is free RAM; runtime-services memory stays reserved (the firmware may be called at
// runtime later), ACPI memory keeps its kind, MMIO descriptors are not RAM and are left out.
using System;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Boot;

/// <summary>Converts a UEFI memory map into a <see cref="MemoryMap"/>.</summary>
public static class EfiMemoryMap
{
    /// <summary>The smallest descriptor UEFI defines.</summary>
    public const int MinimumDescriptorSize = 40;

    /// <summary>Adds every RAM descriptor of <paramref name="descriptors"/>; returns the number added, or -1
    /// for a descriptor size below the minimum or a map that does not fit.</summary>
    public static int Convert(ReadOnlySpan<byte> descriptors, int descriptorSize, ref MemoryMap map)
    {
        if (descriptorSize < MinimumDescriptorSize) return -1;
        int added = 0;
        for (int at = 0; at + descriptorSize <= descriptors.Length; at += descriptorSize)
        {
            ReadOnlySpan<byte> d = descriptors.Slice(at, descriptorSize);
            uint type = U32(d, 0);
            ulong start = U64(d, 8), pages = U64(d, 24);
            if (!TryKind(type, out MemoryKind kind) || pages == 0) continue;
            if (pages > (ulong.MaxValue >> 12) || start + (pages << 12) < start) return -1;
            if (!map.Add(start, pages << 12, kind)) return -1;
            added++;
        }
        return added;
    }

    /// <summary>The memory kind of a UEFI memory type; false for memory-mapped I/O (not RAM).</summary>
    public static bool TryKind(uint type, out MemoryKind kind)
    {
        kind = type switch
        {
            1 or 2 or 3 or 4 or 7 => MemoryKind.Usable, // loader code/data, boot-services code/data, conventional
            8 => MemoryKind.Unusable,                    // EfiUnusableMemory
            9 => MemoryKind.AcpiReclaimable,             // EfiACPIReclaimMemory
            10 => MemoryKind.AcpiNvs,                    // EfiACPIMemoryNVS
            _ => MemoryKind.Reserved,                    // runtime services, PAL code, persistent, unknown
        };
        return type != 11 && type != 12;                 // EfiMemoryMappedIO, EfiMemoryMappedIOPortSpace
    }

    private static uint U32(ReadOnlySpan<byte> b, int o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);

    private static ulong U64(ReadOnlySpan<byte> b, int o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;
}
