// Per-physical-CPU data: a small block whose first word is the CPU's index (IA32_GS_BASE points at it, so
// `Cpu.CurrentIndex` is one GS-relative load), the page for the host's VMSAVE state, the VM_HSAVE_PA page
// SVM needs per CPU, and each AP's stack. All allocated by the boot CPU before any AP starts, so APs never
// touch the page allocator during bring-up.
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Hardware;

internal static unsafe class PerCpu
{
    /// <summary>Most CPUs the hypervisor brings up.</summary>
    internal const int MaxCpus = 16;

    /// <summary>Pages of each AP's stack (64 KiB, as the boot stack).</summary>
    internal const ulong StackPages = 16;

    private const uint MsrGsBase = 0xC0000101;

    private static ulong[]? s_blocks;
    private static ulong[]? s_hostVmsave;
    private static ulong[]? s_hsave;
    private static ulong[]? s_stacks;

    /// <summary>CPUs prepared.</summary>
    internal static int Count { get; private set; }

    /// <summary>Allocates the per-CPU pages for <paramref name="count"/> CPUs; false when out of memory.</summary>
    internal static bool Prepare(int count, PhysicalPageAllocator* pages)
    {
        s_blocks = new ulong[count];
        s_hostVmsave = new ulong[count];
        s_hsave = new ulong[count];
        s_stacks = new ulong[count];
        for (int cpu = 0; cpu < count; cpu++)
        {
            s_blocks[cpu] = Zeroed(pages, 1);
            s_hostVmsave[cpu] = Zeroed(pages, 1);
            s_hsave[cpu] = Zeroed(pages, 1);
            s_stacks[cpu] = cpu == 0 ? 0 : Zeroed(pages, StackPages); // the boot CPU keeps its boot stack
            if (s_blocks[cpu] == 0 || s_hostVmsave[cpu] == 0 || s_hsave[cpu] == 0 || (cpu != 0 && s_stacks[cpu] == 0)) return false;
            *(int*)s_blocks[cpu] = cpu;
        }
        Count = count;
        return true;
    }

    /// <summary>Points this CPU's GS base at its block (before anything asks for the current CPU).</summary>
    internal static void EnterOnThisCpu(int cpu) => Cpu.WriteMsr(MsrGsBase, s_blocks![cpu]);

    /// <summary>This CPU's host VMSAVE page.</summary>
    internal static ulong HostVmsaveArea => s_hostVmsave![Cpu.CurrentIndex()];

    /// <summary>CPU <paramref name="cpu"/>'s VM_HSAVE_PA page.</summary>
    internal static ulong HsaveArea(int cpu) => s_hsave![cpu];

    /// <summary>Top of AP <paramref name="cpu"/>'s stack.</summary>
    internal static ulong StackTop(int cpu) => s_stacks![cpu] + StackPages * 4096;

    /// <summary>Deepest use of AP <paramref name="cpu"/>'s stack so far in bytes (its pages start zeroed; the
    /// lowest non-zero word marks the high-water mark), or 0 for the boot CPU.</summary>
    internal static ulong StackHighWater(int cpu)
    {
        if (cpu == 0 || s_stacks is null) return 0;
        ulong* bottom = (ulong*)s_stacks[cpu];
        ulong words = StackPages * 512, i = 0;
        while (i < words && bottom[i] == 0) i++;
        return (words - i) * 8;
    }

    private static ulong Zeroed(PhysicalPageAllocator* pages, ulong count)
    {
        ulong page = pages->AllocatePages(count);
        if (page == 0) return 0;
        for (ulong i = 0; i < count * 512; i++) ((ulong*)page)[i] = 0;
        return page;
    }
}
