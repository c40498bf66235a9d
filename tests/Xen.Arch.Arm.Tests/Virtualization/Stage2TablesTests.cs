using System.Runtime.InteropServices;
using Xen.Arch.Arm.Virtualization;
using Xen.Core.Memory;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Tests.Virtualization;

public sealed unsafe class Stage2TablesTests
{
    private const int ArenaPages = 2048; // 8 MiB: 4 MiB of guest RAM plus tables

    private static void WithAllocator(Action<nint> body)
    {
        void* ram = NativeMemory.AlignedAlloc(ArenaPages * 4096, 4096);
        try
        {
            var pages = new PhysicalPageAllocator();
            pages.AddRegion((ulong)ram, ArenaPages * 4096UL);
            body((nint)(&pages));
        }
        finally { NativeMemory.AlignedFree(ram); }
    }

    [Fact]
    public void Guest_ram_is_mapped_page_by_page_and_nothing_else()
    {
        WithAllocator(p =>
        {
            var pages = (PhysicalPageAllocator*)p;
            byte[] image = SmokeImage();
            Assert.Equal(ArmGuestBuilder.Error.None, ArmGuestBuilder.Build(pages, 4, image, out P2m? p2m, out ulong entry));
            Assert.Equal(ArmGuestBuilder.RamBase, entry);
            ulong root = Stage2Tables.Build(pages, p2m!);
            Assert.NotEqual(0UL, root);
            Assert.Equal(0UL, Stage2Tables.Lookup(root, 0));
            Assert.Equal(0UL, Stage2Tables.Lookup(root, Vpl011.GuestBase));
            Assert.Equal(0UL, Stage2Tables.Lookup(root, ArmGuestBuilder.RamBase - 4096));
            Assert.Equal(0UL, Stage2Tables.Lookup(root, ArmGuestBuilder.RamBase + (4UL << 20)));
            Assert.Equal(0UL, Stage2Tables.Lookup(root, 1UL << 32));
            for (ulong ipa = ArmGuestBuilder.RamBase; ipa < ArmGuestBuilder.RamBase + (4UL << 20); ipa += 4096)
            {
                ulong d = Stage2Tables.Lookup(root, ipa);
                Assert.Equal(Stage2Tables.RamAttributes | 3, d & 0xFFF);
                Assert.Equal(0UL, d >> 52); // executable (XN = 0), no upper attributes
                Assert.Equal(p2m!.HostPage(ipa / 4096), d & 0x0000FFFFFFFFF000);
            }
            // The image is where the guest will find it.
            byte* loaded = (byte*)Stage2Tables.Translate(root, entry);
            Assert.Equal(image[56], loaded[56]);
            // L1 + one L2 + two L3 tables for 4 MiB.
            Assert.Equal(4, Stage2Tables.CountTables(root));
            ulong free = pages->FreePageCount;
            Stage2Tables.Release(pages, root);
            Assert.Equal(free + 4, pages->FreePageCount);
        });
    }

    [Fact]
    public void Vtcr_describes_a_32_bit_ipa_space_starting_at_level_1()
    {
        Assert.Equal(32UL, Stage2Tables.Vtcr & 0x3F);          // T0SZ
        Assert.Equal(1UL, (Stage2Tables.Vtcr >> 6) & 3);       // SL0
        Assert.Equal(0UL, (Stage2Tables.Vtcr >> 14) & 3);      // TG0 = 4 KiB
        Assert.Equal(1UL, Stage2Tables.Vtcr >> 31);            // RES1
    }

    [Fact]
    public void Builder_rejects_non_images_and_oversized_kernels()
    {
        WithAllocator(p =>
        {
            var pages = (PhysicalPageAllocator*)p;
            Assert.Equal(ArmGuestBuilder.Error.NotAnImage, ArmGuestBuilder.Build(pages, 4, new byte[128], out _, out _));
            byte[] big = SmokeImage();
            BitConverter.TryWriteBytes(big.AsSpan(16), 8UL << 20);
            Assert.Equal(ArmGuestBuilder.Error.DoesNotFit, ArmGuestBuilder.Build(pages, 4, big, out _, out _));
        });
    }

    private static ulong s_zeroedBytes;

    private static bool CountingZero(ulong address, ulong bytes)
    {
        s_zeroedBytes += bytes;
        new Span<byte>((void*)address, (int)bytes).Clear();
        return true;
    }

    private static bool Refuse(ulong address, ulong bytes) => false;

    [Fact]
    public void Builder_zeroes_every_page_through_the_fast_path_or_the_fallback()
    {
        WithAllocator(p =>
        {
            var pages = (PhysicalPageAllocator*)p;
            // Dirty the arena first: the guest must never see earlier contents.
            ulong probe = pages->AllocatePages(1024);
            new Span<byte>((void*)probe, 1024 * 4096).Fill(0xA5);
            pages->FreePages(probe, 1024);
            s_zeroedBytes = 0;
            Assert.Equal(ArmGuestBuilder.Error.None, ArmGuestBuilder.Build(pages, 4, SmokeImage(), out P2m? fast, out _, &CountingZero));
            Assert.Equal(4UL << 20, s_zeroedBytes);
            Assert.Equal(ArmGuestBuilder.Error.None, ArmGuestBuilder.Build(pages, 2, SmokeImage(), out P2m? slow, out _, &Refuse));
            var buffer = new byte[4096];
            for (ulong gpa = ArmGuestBuilder.RamBase + 4096; gpa < ArmGuestBuilder.RamBase + (2UL << 20); gpa += 64 * 4096)
            {
                Assert.Equal(0, fast!.Read(gpa, buffer));
                Assert.All(buffer, b => Assert.Equal(0, b));
                Assert.Equal(0, slow!.Read(gpa, buffer));
                Assert.All(buffer, b => Assert.Equal(0, b));
            }
        });
    }

    [Fact]
    public void Image_header_gives_text_offset_and_size()
    {
        byte[] image = SmokeImage();
        BitConverter.TryWriteBytes(image.AsSpan(8), 0x80000UL);
        Assert.True(ArmImageHeader.TryRead(image, out ulong offset, out ulong size));
        Assert.Equal(0x80000UL, offset);
        Assert.Equal(4096UL, size);
        BitConverter.TryWriteBytes(image.AsSpan(8), 0x80010UL);
        Assert.False(ArmImageHeader.TryRead(image, out _, out _));
    }

    private static byte[] SmokeImage()
    {
        var image = new byte[4096];
        BitConverter.TryWriteBytes(image.AsSpan(16), 4096UL);
        BitConverter.TryWriteBytes(image.AsSpan(56), ArmImageHeader.Magic);
        return image;
    }
}
