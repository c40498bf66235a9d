// Bindings to GuestCpu.s ([RuntimeImport]: a direct `bl`, shared/notes/toolchain-arm64.md binding style 1).
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Xen.Guest.Arm.Kit;

internal static unsafe class GuestCpu
{
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_hypercall")]
    internal static extern long Hypercall(ulong number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_psci_hvc")]
    internal static extern ulong PsciHvc(ulong function, ulong a1, ulong a2, ulong a3);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_psci_smc")]
    internal static extern ulong PsciSmc(ulong function, ulong a1, ulong a2, ulong a3);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_mmio_write32")]
    internal static extern void MmioWrite32(ulong address, uint value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_mmio_read32")]
    internal static extern uint MmioRead32(ulong address);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_counter")] internal static extern ulong Counter();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_counter_frequency")] internal static extern ulong CounterFrequency();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_current_el")] internal static extern ulong CurrentEl();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_image_end")] internal static extern ulong ImageEnd();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_modules_start")] internal static extern nint* ModulesStart();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_modules_end")] internal static extern nint* ModulesEnd();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_halt")] internal static extern void Halt();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_gic_cpu_init")] internal static extern void GicCpuInit();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_icc_iar1")] internal static extern ulong InterruptAcknowledge();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_icc_eoir1")] internal static extern void EndOfInterrupt(ulong intid);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_icc_sgi1r")] internal static extern void WriteSgi1r(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_timer_set")] internal static extern void TimerSet(ulong compare, ulong control);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_timer_ctl")] internal static extern ulong TimerControl();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_timer_cval")] internal static extern ulong TimerCompare();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_irq_enable")] internal static extern void EnableInterrupts();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_irq_disable")] internal static extern void DisableInterrupts();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_wait")] internal static extern void WaitForInterrupt();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_mpidr")] internal static extern ulong Mpidr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_secondary_entry_address")] internal static extern ulong SecondaryEntry();
}
