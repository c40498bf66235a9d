// Builds an Arm domain's memory from a kernel image: a P2M whose only RAM is one bank at GUEST_RAM0_BASE
// 0x40000000 (xen/include/public/arch-arm.h; everything below it — page 0, the device windows — stays
// unmapped), the kernel copied to RAM base + text_offset (arm64 Image header), entry = its first byte.
// Pages are zeroed here, before the guest can see them. Hosted-testable (the allocator's addresses are pointers).
using System;
using Xen.Core.Memory;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Lays out an Arm guest's memory.</summary>
public static unsafe class ArmGuestBuilder
{
    /// <summary>GUEST_RAM0_BASE (arch-arm.h).</summary>
    public const ulong RamBase = 0x40000000;
    /// <summary>GUEST_RAM0_SIZE: the first bank is at most 3 GiB (arch-arm.h).</summary>
    public const ulong RamMaxSize = 0xC0000000;

    /// <summary>Why a build failed.</summary>
    public enum Error
    {
        /// <summary>Built.</summary>
        None,
        /// <summary>Not an arm64 Image (no header magic, or a bad text_offset).</summary>
        NotAnImage,
        /// <summary>The kernel does not fit the RAM.</summary>
        DoesNotFit,
        /// <summary>The page allocator ran out.</summary>
        OutOfMemory,
    }

    /// <summary>Allocates <paramref name="memoryMiB"/> MiB at <see cref="RamBase"/>, loads <paramref name="image"/>.
    /// <paramref name="zeroPages"/> (address, bytes) clears page runs faster than stores where the CPU can
    /// (images: DC ZVA); it returns false to fall back to <see cref="Span{T}.Clear"/>.</summary>
    public static Error Build(PhysicalPageAllocator* pages, ulong memoryMiB, ReadOnlySpan<byte> image, out P2m? p2m, out ulong entry,
        delegate*<ulong, ulong, bool> zeroPages = null)
    {
        p2m = null;
        entry = 0;
        if (!ArmImageHeader.TryRead(image, out ulong textOffset, out ulong imageSize)) return Error.NotAnImage;
        ulong ramSize = memoryMiB << 20;
        if (ramSize > RamMaxSize || textOffset + imageSize > ramSize) return Error.DoesNotFit;
        var map = new P2m((RamBase + ramSize) / P2m.PageSize);
        ulong first = RamBase / P2m.PageSize, count = ramSize / P2m.PageSize;
        for (ulong done = 0; done < count;)
        {
            ulong want = Math.Min(P2m.RunPages, count - done);
            ulong run = 0;
            while (want > 0 && (run = pages->AllocatePages(want)) == 0) want /= 2;
            if (run == 0) { map.Release(pages); return Error.OutOfMemory; }
            if (zeroPages == null || !zeroPages(run, want * P2m.PageSize))
                new Span<byte>((void*)run, (int)(want * P2m.PageSize)).Clear();
            for (ulong i = 0; i < want; i++) map.Map(first + done + i, run + i * P2m.PageSize);
            done += want;
        }
        if (map.Write(RamBase + textOffset, image) != 0) { map.Release(pages); return Error.DoesNotFit; }
        p2m = map;
        entry = RamBase + textOffset;
        return Error.None;
    }
}
