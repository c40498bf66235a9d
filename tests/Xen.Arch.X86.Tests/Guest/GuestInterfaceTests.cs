using Xen.Arch.X86.Guest;
using Xen.Arch.X86.Tests.Svm;
using Xen.Core.Memory;

namespace Xen.Arch.X86.Tests.Guest;

public sealed unsafe class GuestInterfaceTests
{
    [Fact]
    public void Hypercall_page_has_a_32_byte_stub_per_hypercall_and_ud2_for_iret()
    {
        byte[] page = new byte[4096];
        HypercallPage.Fill(page);
        for (int nr = 0; nr < 128; nr++)
        {
            if (nr == 23) { Assert.Equal(new byte[] { 0x0F, 0x0B, 0xCC }, page.Skip(nr * 32).Take(3)); continue; }
            Assert.Equal(new byte[] { 0xB8, (byte)nr, 0, 0, 0, 0x0F, 0x01, 0xD9, 0xC3 }, page.Skip(nr * 32).Take(9));
            Assert.All(page.Skip(nr * 32 + 9).Take(23), b => Assert.Equal(0xCC, b));
        }
    }

    [Theory]
    [InlineData(0x40000000u, 0x40000004u, 0x566e6558u, 0x65584d4du, 0x4d4d566eu)]
    [InlineData(0x40000001u, 0x00040007u, 0u, 0u, 0u)]
    [InlineData(0x40000002u, 1u, 0x40000000u, 0u, 0u)]
    [InlineData(0x40000004u, 0x18u, 2u, 5u, 0u)]
    [InlineData(0x40000007u, 0u, 0u, 0u, 0u)]
    public void Xen_cpuid_leaves(uint leaf, uint eax, uint ebx, uint ecx, uint edx)
    {
        Assert.True(XenCpuid.IsHypervisorLeaf(leaf));
        CpuidResult r = XenCpuid.HypervisorLeaf(leaf, 0, vcpuId: 2, domid: 5);
        Assert.Equal((eax, ebx, ecx, edx), (r.Eax, r.Ebx, r.Ecx, r.Edx));
    }

    [Fact]
    public void Host_leaves_hide_svm_vmx_and_set_the_hypervisor_bit()
    {
        var r = new CpuidResult { Ecx = 0xFFFFFFFF, Edx = 0xFFFFFFFF };
        XenCpuid.FilterHostLeaf(1, ref r);
        Assert.Equal(0u, r.Ecx & (1u << 5));
        Assert.Equal(0u, r.Ecx & (7u << 26)); // XSAVE, OSXSAVE, AVX
        Assert.NotEqual(0u, r.Ecx & (1u << 31));
        var ext = new CpuidResult { Ecx = 0xFF };
        XenCpuid.FilterHostLeaf(0x80000001, ref ext);
        Assert.Equal(0xFBu, ext.Ecx);
        var svm = new CpuidResult { Eax = 1, Ebx = 16, Edx = 1 };
        XenCpuid.FilterHostLeaf(0x8000000A, ref svm);
        Assert.Equal(default, svm);
        Assert.False(XenCpuid.IsHypervisorLeaf(0x80000000));
    }

    [Fact]
    public void Page_walker_follows_long_mode_tables_with_large_pages_and_refuses_holes()
    {
        using var memory = new NativePages(8);
        P2m p2m = P2m.Allocate(memory.Pages, 512)!; // 2 MiB of guest memory
        // PML4 at 0x1000 → PDPT 0x2000 → PD 0x3000: PD[0] = PT 0x4000, PD[1] = 2 MiB page at 0x0 (read-only)
        Put(p2m, 0x1000, 0x2000 | 3); Put(p2m, 0x2000, 0x3000 | 3);
        Put(p2m, 0x3000, 0x4000 | 3); Put(p2m, 0x3008, 0x0 | 0x81);
        Put(p2m, 0x4000 + 5 * 8, 0x7000 | 3);
        var s = new GuestPagingState { Cr0 = 0x80010011, Cr3 = 0x1000, Cr4 = 0x20, Efer = 0x500 };
        Assert.True(GuestPageWalker.TryTranslate(p2m, s, 0x5123, false, out ulong gpa));
        Assert.Equal(0x7123UL, gpa);
        Assert.True(GuestPageWalker.TryTranslate(p2m, s, 0x200000 + 0x1234, false, out gpa));
        Assert.Equal(0x1234UL, gpa);
        Assert.False(GuestPageWalker.TryTranslate(p2m, s, 0x200000, true, out _)); // read-only with CR0.WP
        Assert.False(GuestPageWalker.TryTranslate(p2m, s, 0x6000, false, out _));  // not present
        Assert.False(GuestPageWalker.TryTranslate(p2m, s, 1UL << 40, false, out _));
        // Non-canonical: bits 63:48 are not copies of bit 47; these would alias linear 0x5123 if only 48 bits counted.
        Assert.False(GuestPageWalker.TryTranslate(p2m, s, 0x8000_0000_0000_5123, false, out _));
        Assert.False(GuestPageWalker.TryTranslate(p2m, s, 0x0001_0000_0000_5123, false, out _));
        s.Cr3 = 0x4000_0000; // tables outside guest memory
        Assert.False(GuestPageWalker.TryTranslate(p2m, s, 0x5123, false, out _));
        s.Cr0 = 0x11; // paging off: identity
        Assert.True(GuestPageWalker.TryTranslate(p2m, s, 0xABCDE, true, out gpa));
        Assert.Equal(0xABCDEUL, gpa);
    }

    [Fact]
    public void Page_walker_handles_legacy_32_bit_and_pae_paging()
    {
        using var memory = new NativePages(8);
        P2m p2m = P2m.Allocate(memory.Pages, 512)!;
        Put32(p2m, 0x1000 + 1 * 4, 0x5000 | 3);        // PDE for 4 MiB..8 MiB → PT 0x5000
        Put32(p2m, 0x5000 + 2 * 4, 0x9000 | 3);        // PTE for 4 MiB + 8 KiB
        var legacy = new GuestPagingState { Cr0 = 0x80000011, Cr3 = 0x1000 };
        Assert.True(GuestPageWalker.TryTranslate(p2m, legacy, 0x402010, false, out ulong gpa));
        Assert.Equal(0x9010UL, gpa);
        Put(p2m, 0x2000 + 3 * 8, 0x6000 | 1);          // PDPTE 3 → PD 0x6000
        Put(p2m, 0x6000 + 511 * 8, 0x0 | 0x83);        // last 2 MiB of 4 GiB → GPA 0
        var pae = new GuestPagingState { Cr0 = 0x80000011, Cr3 = 0x2000, Cr4 = 0x20 };
        Assert.True(GuestPageWalker.TryTranslate(p2m, pae, 0xFFE00042, false, out gpa));
        Assert.Equal(0x42UL, gpa);
    }

    private static void Put(P2m p2m, ulong gpa, ulong value) => p2m.Write(gpa, BitConverter.GetBytes(value));
    private static void Put32(P2m p2m, ulong gpa, uint value) => p2m.Write(gpa, BitConverter.GetBytes(value));
}
