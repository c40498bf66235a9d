// Xen.Guest.Hostile: attacks the hypercall interface, expecting Xen's errno answers, then touches memory
// outside its P2M on purpose. The hypervisor must crash this domain (SHUTDOWN_crash, register dump) and
// keep running; reaching the line after the access would mean the isolation failed.
using Xen.Guest.Kit;
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static unsafe class GuestProgram
{
    private static int s_checks;

    internal static string? Run(byte* startInfo)
    {
        if (!Kit.Xen.HasSignature(out _)) return "no Xen signature";
        Kit.Xen.InstallHypercallPage();
        byte* buffer = stackalloc byte[64];
        const ulong unmapped = 0x0000_7000_0000_0000;  // not in our page tables
        const ulong pastMemory = 0x2000_0000;          // in our tables, past our 128 MiB
        const ulong lastBytes = 0x8000000 - 8;         // the last 8 bytes of our memory

        string? f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.ConsoleIo, 0, 16, unmapped), -Kit.Xen.EFAULT, "console_io write from an unmapped buffer")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.ConsoleIo, 0, 64, lastBytes), -Kit.Xen.EFAULT, "console_io write running past memory")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.ConsoleIo, 0, ulong.MaxValue, (ulong)buffer), -22, "console_io write of 2^64-1 bytes")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.ConsoleIo, 0, 0x7FFF_FFFF, pastMemory), -22, "console_io write of 2 GiB")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.XenVersion, 2, lastBytes), -Kit.Xen.EFAULT, "compile_info straddling the end of memory")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.XenVersion, 3, pastMemory), -Kit.Xen.EFAULT, "capabilities past memory")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.XenVersion, 6, ulong.MaxValue - 3), -Kit.Xen.EFAULT, "get_features wrapping the address space")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.XenVersion, 0x7FFFFFFF, (ulong)buffer), -Kit.Xen.ENOSYS, "unknown xen_version sub-op")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.SchedOp, 2, unmapped), -Kit.Xen.EFAULT, "sched_op shutdown with an unmapped argument")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.SchedOp, 5, pastMemory), -Kit.Xen.EFAULT, "sched_op shutdown_code past memory")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(Kit.Xen.SchedOp, 0xFFFF), -Kit.Xen.ENOSYS, "unknown sched_op")) != null) return f;
        if ((f = Expect(Kit.Xen.Call(127), -Kit.Xen.ENOSYS, "hypercall 127 (last page slot)")) != null) return f;
        if ((f = Expect(GuestCpu.RawHypercall(64, 0, 0, 0), -Kit.Xen.ENOSYS, "hypercall 64 (past the table)")) != null) return f;
        if ((f = Expect(GuestCpu.RawHypercall(ulong.MaxValue, 0, 0, 0), -Kit.Xen.ENOSYS, "hypercall 2^64-1")) != null) return f;
        DebugConsole.Write("hostile: ");
        DebugConsole.WriteDecimal((long)s_checks);
        DebugConsole.WriteLine(" hostile hypercalls answered with errno");

        DebugConsole.WriteLine("hostile: reading guest-physical 0x20000000, outside the P2M");
        ulong value = Read((ulong*)pastMemory);
        DebugConsole.Write("hostile: ISOLATION FAILURE, read ");
        DebugConsole.WriteHex(value);
        DebugConsole.WriteLine();
        return "memory outside the P2M was readable";
    }

    // Not inlined, so the optimiser cannot drop or move the deliberate access.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ulong Read(ulong* address) => *address;

    private static string? Expect(long actual, long expected, string what)
    {
        s_checks++;
        if (actual == expected) return null;
        DebugConsole.Write("hostile: ");
        DebugConsole.Write(what);
        DebugConsole.Write(": got ");
        DebugConsole.WriteDecimal(actual);
        DebugConsole.Write(", expected ");
        DebugConsole.WriteDecimal(expected);
        DebugConsole.WriteLine();
        return what;
    }
}
