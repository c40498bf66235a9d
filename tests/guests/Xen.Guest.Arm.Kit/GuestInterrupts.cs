// Exceptions taken at EL1 (GuestEntry.s vectors call GuestException with the vector index): IRQs (entry 5,
// current EL with SP_EL1) are acknowledged one by one (ICC_IAR1_EL1 until the spurious INTID 1023), handed to
// the program's handler and ended (ICC_EOIR1_EL1, priority drop and deactivation); anything else is a bug in
// the guest and ends the test. Handlers run with interrupts masked and must not allocate (another vCPU may be
// inside the allocator: it has no lock).
using System.Runtime;
using Xen.Runtime.Text;

namespace Xen.Guest.Arm.Kit;

internal static unsafe class GuestInterrupts
{
    private static delegate*<int, uint, void> s_handler;

    /// <summary>Interrupts taken, all CPUs.</summary>
    internal static ulong Taken;

    /// <summary>Installs the handler called as handler(cpu, intid).</summary>
    internal static void SetHandler(delegate*<int, uint, void> handler) => s_handler = handler;

    [RuntimeExport("GuestException")]
    private static void Exception(ulong index, ulong esr, ulong elr)
    {
        if (index == 5)
        {
            int cpu = GuestGic.CurrentCpu;
            for (int round = 0; round < 16; round++)
            {
                uint intid = (uint)GuestCpu.InterruptAcknowledge() & 0xFFFFFF;
                if (intid >= 1020) return;
                Taken++;
                if (s_handler != null) s_handler(cpu, intid);
                GuestCpu.EndOfInterrupt(intid);
            }
            return;
        }
        DebugConsole.Write("unexpected exception: vector ");
        DebugConsole.WriteDecimal((long)index);
        DebugConsole.Write(" esr ");
        DebugConsole.WriteHex(esr, 8);
        DebugConsole.Write(" elr ");
        DebugConsole.WriteHex(elr, 16);
        DebugConsole.WriteLine();
        DebugConsole.WriteLine("Test result: FAILURE: unexpected exception at EL1");
        Hypervisor.PowerOff(success: false);
    }
}
