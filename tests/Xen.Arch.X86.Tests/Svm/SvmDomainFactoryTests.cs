using Xen.Arch.X86.Svm;
using Xen.Core.Domains;
using Xen.Core.Domains.Builder;

namespace Xen.Arch.X86.Tests.Svm;

public sealed unsafe class SvmDomainFactoryTests
{
    [Fact]
    public void A_pvh_kernel_becomes_a_domain_whose_vcpu_enters_at_phys32_entry_with_ebx_at_start_info()
    {
        using var memory = new NativePages(16);
        var console = new TextConsole();
        var svm = new SvmDomainSupport(memory.Pages, new FakeSvmHardware(), console);
        var factory = new DomainFactory(memory.Pages, svm, console);
        byte[] elf = Xen.ImageTool.PvhElfCommand.Build(MinimalPe(), Xen.ImageTool.PeImage.Parse(MinimalPe()), 0x201000);
        Assert.Equal(BuildError.None, factory.CreatePvh(1, "d1", 4, 1, elf, "x"u8, out Domain? d, out ElfError e));
        Assert.Equal(ElfError.None, e);
        var vcpu = (SvmVcpu)d!.Vcpus[0].Backend!;
        Assert.Equal(0x201000UL, vcpu.Vmcb.Rip);
        Assert.Equal(VcpuState.Runnable, d.Vcpus[0].State);
        ulong startInfo = vcpu.Registers->Rbx;
        byte[] magic = new byte[4];
        d.P2m.Read(startInfo, magic);
        Assert.Equal(0x336ec578u, BitConverter.ToUInt32(magic));
        var state = (SvmDomainState)d.ArchState!;
        Assert.Equal(state.Tables.Root, vcpu.Vmcb.NestedCr3);
        Assert.True(state.Tables.TryTranslate(0x201000, out ulong host));
        Assert.Equal(d.P2m.HostPage(0x201) , host);
    }

    [Fact]
    public void A_kernel_without_the_pvh_note_is_refused_and_its_memory_returned()
    {
        using var memory = new NativePages(16);
        var console = new TextConsole();
        var svm = new SvmDomainSupport(memory.Pages, new FakeSvmHardware(), console);
        ulong free = memory.Pages->FreePageCount;
        var factory = new DomainFactory(memory.Pages, svm, console);
        Assert.Equal(BuildError.BadElf, factory.CreatePvh(1, "d1", 4, 1, new byte[64], default, out Domain? d, out _));
        Assert.Null(d);
        Assert.Equal(free, memory.Pages->FreePageCount);
    }

    /// <summary>A PE32+ with one 4 KiB code section at RVA 0x1000, ImageBase 0x200000, as lld-link lays out guests.</summary>
    private static byte[] MinimalPe()
    {
        byte[] pe = new byte[0x2000];
        pe[0] = (byte)'M'; pe[1] = (byte)'Z';
        BitConverter.GetBytes(0x80).CopyTo(pe, 0x3C);
        "PE\0\0"u8.ToArray().CopyTo(pe, 0x80);
        BitConverter.GetBytes((ushort)0x8664).CopyTo(pe, 0x84);
        BitConverter.GetBytes((ushort)1).CopyTo(pe, 0x86);          // sections
        BitConverter.GetBytes((ushort)240).CopyTo(pe, 0x94);        // optional header size
        int opt = 0x98;
        BitConverter.GetBytes((ushort)0x20B).CopyTo(pe, opt);
        BitConverter.GetBytes(0x200000UL).CopyTo(pe, opt + 24);     // ImageBase
        BitConverter.GetBytes(0x1000).CopyTo(pe, opt + 32);         // SectionAlignment
        BitConverter.GetBytes(0x1000).CopyTo(pe, opt + 36);         // FileAlignment
        BitConverter.GetBytes(0x2000).CopyTo(pe, opt + 56);         // SizeOfImage
        BitConverter.GetBytes(0x1000).CopyTo(pe, opt + 60);         // SizeOfHeaders
        int sec = opt + 240;
        ".text\0\0\0"u8.ToArray().CopyTo(pe, sec);
        BitConverter.GetBytes(0x1000).CopyTo(pe, sec + 8);          // VirtualSize
        BitConverter.GetBytes(0x1000).CopyTo(pe, sec + 12);         // VirtualAddress
        BitConverter.GetBytes(0x1000).CopyTo(pe, sec + 16);         // SizeOfRawData
        BitConverter.GetBytes(0x1000).CopyTo(pe, sec + 20);         // PointerToRawData
        BitConverter.GetBytes(0x60000020u).CopyTo(pe, sec + 36);    // code | execute | read
        pe[0x1000] = 0xF4;
        return pe;
    }
}

public sealed unsafe class SvmDomainReleaseTests
{
    [Fact]
    public void Releasing_a_domain_returns_its_tables_and_vcpu_pages()
    {
        using var memory = new NativePages(16);
        var console = new TextConsole();
        var svm = new SvmDomainSupport(memory.Pages, new FakeSvmHardware(), console);
        var p2m = Xen.Core.Memory.P2m.Allocate(memory.Pages, 512)!;
        ulong free = memory.Pages->FreePageCount;
        var d = new Domain(1, "r", p2m, 2, console);
        Assert.True(svm.PrepareDomain(d));
        Assert.NotNull(svm.CreateVcpu(d.Vcpus[0]));
        Assert.NotNull(svm.CreateVcpu(d.Vcpus[1]));
        Assert.True(memory.Pages->FreePageCount < free);
        svm.ReleaseDomain(d);
        Assert.Equal(free, memory.Pages->FreePageCount);
        Assert.Null(d.ArchState);
    }
}
