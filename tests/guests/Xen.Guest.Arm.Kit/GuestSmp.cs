// Secondary vCPUs through PSCI CPU_ON (Arm DEN 0022D §5.1.4: x1 = target MPIDR, x2 = entry point, x3 = context
// id, delivered in the new CPU's x0). The kit gives each CPU a 16 KiB stack from the page allocator (taken on
// the boot CPU, before the secondary runs: the allocator has no lock) and passes its top as the context id;
// GuestEntry.s's guest_secondary_entry sets the CPU up and calls XenGuestSecondary, which runs the program's
// entry and then turns the CPU off (PSCI CPU_OFF).
using System.Runtime;
using Xen.Runtime.Memory;

namespace Xen.Guest.Arm.Kit;

internal static unsafe class GuestSmp
{
    internal const uint CpuOn = 0xC4000003, CpuOff = 0x84000002, AffinityInfo = 0xC4000004, CpuSuspend = 0xC4000001;
    internal const long Success = 0, InvalidParameters = -2, AlreadyOn = -4;
    private const ulong StackPages = 4;

    private static delegate*<int, void> s_entry;

    /// <summary>PSCI CPU_ON of <paramref name="cpu"/> running <paramref name="entry"/>(cpu); the PSCI result.</summary>
    internal static long Start(int cpu, delegate*<int, void> entry)
    {
        ulong stack = RuntimeState.Pages->AllocatePages(StackPages);
        if (stack == 0) return -6; // INTERNAL_FAILURE
        s_entry = entry;
        return (long)GuestCpu.PsciHvc(CpuOn, (ulong)cpu, GuestCpu.SecondaryEntry(), stack + StackPages * 4096);
    }

    /// <summary>PSCI AFFINITY_INFO(cpu, level 0): 0 on, 1 off, 2 on pending, or an error.</summary>
    internal static long Affinity(int cpu) => (long)GuestCpu.PsciHvc(AffinityInfo, (ulong)cpu, 0, 0);

    [RuntimeExport("XenGuestSecondary")]
    private static void Secondary(ulong stackTop)
    {
        int cpu = GuestGic.CurrentCpu;
        if (s_entry != null) s_entry(cpu);
        GuestCpu.PsciHvc(CpuOff, 0, 0, 0);
        while (true) GuestCpu.Halt();
    }
}
