// The SVM backend loads the register states VCPUOP_initialise produces (VcpuBootMode.Hvm32/Hvm64).
using Xen.Arch.X86.Svm;
using Xen.Arch.X86.Tests.Svm;
using Xen.Core.Domains;

namespace Xen.Arch.X86.Tests.Time;

public sealed class SvmBootModeTests
{
    [Fact]
    public void Hvm64_boot_state_enters_long_mode_with_the_guest_registers()
    {
        using var t = new SvmTestVcpu();
        var s = new VcpuBootState
        {
            Mode = VcpuBootMode.Hvm64, EntryPoint = 0xFFFF_8000_0010_0000, Rsp = 0x9000, Rbx = 0x1234, Rdi = 7, Rax = 0xAA,
            Cr0 = 0x80000011, Cr3 = 0x100000, Cr4 = 0x20, Efer = 0x500, Rflags = 0,
            Cs = new VcpuSegment { Limit = 0xFFFFFFFF, Attributes = 0xA9B },
            Ds = new VcpuSegment { Limit = 0xFFFFFFFF, Attributes = 0xC93 },
            Ss = new VcpuSegment { Limit = 0xFFFFFFFF, Attributes = 0xC93 },
            Es = new VcpuSegment { Limit = 0xFFFFFFFF, Attributes = 0xC93 },
            Tr = new VcpuSegment { Limit = 0x67, Attributes = 0x8B },
        };
        t.Cpu.LoadBootState(s);
        Assert.Equal(0xFFFF_8000_0010_0000UL, t.Vmcb.Rip);
        Assert.Equal(0x9000UL, t.Vmcb.Rsp);
        Assert.Equal(0xAAUL, t.Vmcb.Rax);
        unsafe
        {
            Assert.Equal(0x1234UL, t.Regs->Rbx);
            Assert.Equal(7UL, t.Regs->Rdi);
        }
        Assert.Equal(0x80000011UL, t.Vmcb.Cr0);
        Assert.Equal(0x100000UL, t.Vmcb.Cr3);
        Assert.Equal(0x20UL, t.Vmcb.Cr4);
        Assert.Equal(0x500UL | (1UL << 12), t.Vmcb.Efer); // LME|LMA + SVME
        Assert.Equal(2UL, t.Vmcb.Rflags);
        Assert.Equal((ushort)0xA9B, t.Vmcb.SegmentAttributes(Vmcb.Cs));
        Assert.Equal((ushort)0x8B, t.Vmcb.SegmentAttributes(Vmcb.Tr));
        Assert.Equal(0x67u, t.Vmcb.SegmentLimit(Vmcb.Tr));
        Assert.Equal(0, t.Vmcb.Cpl);
    }

    [Fact]
    public void Hvm32_boot_state_loads_the_given_segments_and_cpl_from_ss()
    {
        using var t = new SvmTestVcpu();
        var s = new VcpuBootState
        {
            Mode = VcpuBootMode.Hvm32, EntryPoint = 0x100000, Cr0 = 0x11, Rflags = 0x202,
            Cs = new VcpuSegment { Base = 0x1000, Limit = 0xFFFFF, Attributes = 0xCFB },
            Ds = new VcpuSegment { Limit = 0xFFFFF, Attributes = 0xCF3 },
            Ss = new VcpuSegment { Limit = 0xFFFFF, Attributes = 0xCF3 },
            Es = new VcpuSegment { Limit = 0xFFFFF, Attributes = 0xCF3 },
            Tr = new VcpuSegment { Base = 0x5000, Limit = 0x67, Attributes = 0x8B },
        };
        t.Cpu.LoadBootState(s);
        Assert.Equal(0x1000UL, t.Vmcb.SegmentBase(Vmcb.Cs));
        Assert.Equal((ushort)0xCFB, t.Vmcb.SegmentAttributes(Vmcb.Cs));
        Assert.Equal(0x5000UL, t.Vmcb.SegmentBase(Vmcb.Tr));
        Assert.Equal(3, t.Vmcb.Cpl);
        Assert.Equal(0x202UL, t.Vmcb.Rflags);
        Assert.Equal(1UL << 12, t.Vmcb.Efer);
    }

    [Fact]
    public void Pvh32_is_unchanged()
    {
        using var t = new SvmTestVcpu(); // loads Pvh32 at 0x1000 with start info 0x8000
        Assert.Equal(0x1000UL, t.Vmcb.Rip);
        Assert.Equal(0x11UL, t.Vmcb.Cr0);
        Assert.Equal((ushort)0xC9B, t.Vmcb.SegmentAttributes(Vmcb.Cs));
        unsafe { Assert.Equal(0x8000UL, t.Regs->Rbx); }
    }
}
