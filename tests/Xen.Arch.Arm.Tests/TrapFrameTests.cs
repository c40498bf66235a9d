using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using Xen.Arch.Arm.Exceptions;

namespace Xen.Arch.Arm.Tests;

public sealed class TrapFrameTests
{
    [Fact]
    public void Frame_matches_the_layout_vectors_s_builds()
    {
        Assert.Equal(304, Unsafe.SizeOf<TrapFrame>());
        Assert.Equal(248, (int)Marshal.OffsetOf<TrapFrame>(nameof(TrapFrame.Sp)));
        Assert.Equal(256, (int)Marshal.OffsetOf<TrapFrame>(nameof(TrapFrame.Elr)));
        Assert.Equal(272, (int)Marshal.OffsetOf<TrapFrame>(nameof(TrapFrame.Esr)));
        Assert.Equal(288, (int)Marshal.OffsetOf<TrapFrame>(nameof(TrapFrame.Vector)));
    }

    [Theory]
    [InlineData(0x96000007UL, 0x25u, "data abort, same EL")]   // ldr from an invalid page at EL2, level 3
    [InlineData(0x93020045UL, 0x24u, "data abort, lower EL")]  // observed under QEMU (notes)
    [InlineData(0x5A000042UL, 0x16u, "HVC (AArch64)")]
    [InlineData(0x86000004UL, 0x21u, "instruction abort, same EL")]
    [InlineData(0x02000000UL, 0x00u, "unknown reason")]
    [InlineData(0x62000000UL, 0x18u, "MSR/MRS/system instruction trapped")]
    public void Exception_class_is_decoded(ulong esr, uint ec, string name)
    {
        Assert.Equal(ec, TrapFrame.ExceptionClass(esr));
        Assert.Equal(name, TrapFrame.ClassName(ec));
    }

    [Fact]
    public void Fault_status_and_vector_names()
    {
        Assert.Equal("translation fault", TrapFrame.FaultStatusName(0x07));
        Assert.Equal("permission fault", TrapFrame.FaultStatusName(0x0F));
        Assert.Equal("alignment fault", TrapFrame.FaultStatusName(0x21));
        Assert.Equal(0x45u, TrapFrame.Syndrome(0x93020045) & 0x7F);
        Assert.True(TrapFrame.IsAbort(0x25));
        Assert.False(TrapFrame.IsAbort(0x16));
        Assert.Equal("current EL synchronous", TrapFrame.VectorName(4));
        Assert.Equal("invalid vector", TrapFrame.VectorName(16));
    }
}
