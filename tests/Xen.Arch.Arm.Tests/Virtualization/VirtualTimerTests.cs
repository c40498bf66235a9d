using System.Runtime.InteropServices;
using Xen.Arch.Arm.Virtualization;

namespace Xen.Arch.Arm.Tests.Virtualization;

public sealed unsafe class VirtualTimerTests
{
    [Theory]
    [InlineData(1UL, 100UL, 100UL, true)]    // enabled, compare reached
    [InlineData(1UL, 101UL, 100UL, false)]   // not yet
    [InlineData(3UL, 50UL, 100UL, false)]    // masked
    [InlineData(0UL, 50UL, 100UL, false)]    // disabled
    [InlineData(5UL, 50UL, 100UL, true)]     // ISTATUS in the saved value does not matter
    public void Fires_when_enabled_unmasked_and_the_count_reached_the_compare(ulong control, ulong compare, ulong now, bool fires) =>
        Assert.Equal(fires, VirtualTimer.Fires(control, compare, now));

    [Fact]
    public void A_fired_saved_timer_is_masked_once_and_deadlines_are_physical()
    {
        var context = (VcpuContext*)NativeMemory.AllocZeroed((nuint)sizeof(VcpuContext));
        try
        {
            context->Cntvoff = 1000;
            context->El1[(int)El1Register.CntvCval] = 500;
            context->El1[(int)El1Register.CntvCtl] = VirtualTimer.Enable;
            Assert.Equal(1500UL, VirtualTimer.PhysicalDeadline(context));
            Assert.False(VirtualTimer.TakeIfFired(context, 1499));
            Assert.True(VirtualTimer.TakeIfFired(context, 1500));
            Assert.Equal(VirtualTimer.Enable | VirtualTimer.InterruptMask, context->El1[(int)El1Register.CntvCtl]);
            Assert.False(VirtualTimer.TakeIfFired(context, 2000));
            Assert.Equal(VirtualTimer.Never, VirtualTimer.PhysicalDeadline(context));
        }
        finally { NativeMemory.Free(context); }
    }
}
