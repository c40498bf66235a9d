// The guest's virtual timer (Arm ARM DDI 0487, D11.2 "The Generic Timer": CNTV_CTL_EL0 bit 0 ENABLE, bit 1 IMASK,
// bit 2 ISTATUS; the condition is met when CNTVCT_EL0 - CNTV_CVAL_EL0 >= 0, CNTVCT = CNTPCT - CNTVOFF_EL2).
// Xen's handling (xen/arch/arm/vtimer.c behaviour): when it fires, the hypervisor sets IMASK in the guest's
// control register (so the level-sensitive PPI 27 drops) and injects virtual PPI 27; the guest's handler
// reprograms the timer, which clears IMASK again. A vCPU that is not loaded on the CPU is checked against its
// saved registers, and the EL2 physical timer (CNTHP) wakes the host for the earliest deadline.
namespace Xen.Arch.Arm.Virtualization;

/// <summary>Virtual-timer decisions over saved register values.</summary>
public static unsafe class VirtualTimer
{
    /// <summary>CNTV_CTL_EL0 bits.</summary>
    public const ulong Enable = 1, InterruptMask = 2, Status = 4;

    /// <summary>No deadline.</summary>
    public const ulong Never = ulong.MaxValue;

    /// <summary>True when a timer with <paramref name="control"/>/<paramref name="compare"/> asserts its interrupt at
    /// virtual count <paramref name="now"/>.</summary>
    public static bool Fires(ulong control, ulong compare, ulong now) =>
        (control & (Enable | InterruptMask)) == Enable && (long)(now - compare) >= 0;

    /// <summary>The physical count at which the timer of <paramref name="context"/> fires, or <see cref="Never"/>.</summary>
    public static ulong PhysicalDeadline(VcpuContext* context)
    {
        ulong control = context->El1[(int)El1Register.CntvCtl];
        if ((control & (Enable | InterruptMask)) != Enable) return Never;
        return context->El1[(int)El1Register.CntvCval] + context->Cntvoff;
    }

    /// <summary>If the saved timer of <paramref name="context"/> fires at physical count <paramref name="physicalNow"/>,
    /// masks it in the saved control register and returns true (the caller injects PPI 27).</summary>
    public static bool TakeIfFired(VcpuContext* context, ulong physicalNow)
    {
        ulong control = context->El1[(int)El1Register.CntvCtl];
        if (!Fires(control, context->El1[(int)El1Register.CntvCval], physicalNow - context->Cntvoff)) return false;
        context->El1[(int)El1Register.CntvCtl] = control | InterruptMask;
        return true;
    }
}
