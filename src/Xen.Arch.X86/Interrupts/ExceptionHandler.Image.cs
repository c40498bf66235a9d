// The IDT and the hypervisor's exception handler. Every exception in hypervisor code is fatal for now:
// print a crash dump (vector, error code, registers, CR2, the faulting method from the symbol table) and
// power off with the panic status. Page faults on page 0 are reported as null dereferences, which is how
// NativeAOT code signals NullReferenceException (it relies on the fault instead of explicit checks).
using System.Runtime;
using System.Runtime.CompilerServices;
using Xen.Arch.X86.Hardware;
using Xen.Runtime.Diagnostics;
using Xen.Runtime.Text;

namespace Xen.Arch.X86.Interrupts;

internal static unsafe class ExceptionHandler
{
    // The IDT lives in the image (a non-GC static) so it can be installed before any allocator exists:
    // the earlier exceptions are reported, the fewer boots end in a silent triple fault.
#pragma warning disable CS0169, CS0649 // only reached through a fixed-buffer pointer
    private static IdtStorage s_idt;
#pragma warning restore CS0169, CS0649

    private struct IdtStorage
    {
        internal fixed ulong Entries[512];
    }

    /// <summary>Vector of the LAPIC timer tick (HostInterrupts.s acknowledges it; the exit is the point).</summary>
    internal const byte TimerVector = 0xEF;

    /// <summary>Vector of the cross-CPU kick IPI.</summary>
    internal const byte KickVector = 0xF0;

    /// <summary>The LAPIC's spurious-interrupt vector (low 4 bits must be 1s on old APICs: 0xFF is safe).</summary>
    internal const byte SpuriousVector = 0xFF;

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_host_irq_address")]
    private static extern ulong HostIrqStub();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_spurious_irq_address")]
    private static extern ulong SpuriousStub();

    /// <summary>Builds the IDT (gates for exceptions 0-31 and the host interrupt vectors, kernel CS 0x08) and
    /// loads it on the boot CPU.</summary>
    internal static void Install()
    {
        fixed (ulong* entries = s_idt.Entries)
            Load(entries);
    }

    /// <summary>Loads the already built IDT on a secondary CPU (one table serves every CPU).</summary>
    internal static void LoadOnThisCpu()
    {
        fixed (ulong* entries = s_idt.Entries)
        {
            byte* descriptor = stackalloc byte[10];
            *(ushort*)descriptor = 256 * 16 - 1;
            *(ulong*)(descriptor + 2) = (ulong)entries;
            Cpu.LoadIdt(descriptor);
        }
    }

    private static void SetGate(ulong* entries, int vector, ulong handler)
    {
        // 16-byte gate: offset[15:0], selector, IST=0, type 0xE (interrupt gate), DPL 0, present; offset[63:16].
        entries[vector * 2] = (handler & 0xFFFF) | (0x08UL << 16) | (0x8EUL << 40) | ((handler >> 16 & 0xFFFF) << 48);
        entries[vector * 2 + 1] = handler >> 32;
    }

    private static void Load(ulong* entries)
    {
        ulong idt = (ulong)entries;
        ulong* handlers = Cpu.VectorTable();
        for (int v = 0; v < 32; v++) SetGate(entries, v, handlers[v]);
        SetGate(entries, TimerVector, HostIrqStub());
        SetGate(entries, KickVector, HostIrqStub());
        SetGate(entries, SpuriousVector, SpuriousStub());
        byte* descriptor = stackalloc byte[10];
        *(ushort*)descriptor = 256 * 16 - 1;
        *(ulong*)(descriptor + 2) = idt;
        Cpu.LoadIdt(descriptor);
    }

    [RuntimeExport("XenTrap")]
    private static void Trap(TrapFrame* frame)
    {
        ulong cr2 = Cpu.ReadCr2();
        DebugConsole.Write("\n*** Xen# crash: vector ");
        DebugConsole.WriteDecimal(frame->Vector);
        DebugConsole.Write(" (");
        DebugConsole.Write(TrapFrame.VectorName(frame->Vector));
        DebugConsole.Write(") error ");
        DebugConsole.WriteHex(frame->ErrorCode);
        if (frame->Vector == 14)
        {
            DebugConsole.Write(" cr2 ");
            DebugConsole.WriteHex(cr2, 16);
            if (cr2 < 4096) DebugConsole.Write(" (null dereference)");
        }
        DebugConsole.WriteLine();
        DebugConsole.Write("    rip ");
        DebugConsole.WriteHex(frame->Rip, 16);
        DebugConsole.Write(' ');
        SymbolTable.WriteSymbol(frame->Rip);
        DebugConsole.WriteLine();
        Register("rax", frame->Rax); Register("rbx", frame->Rbx); Register("rcx", frame->Rcx); Register("rdx", frame->Rdx); DebugConsole.WriteLine();
        Register("rsi", frame->Rsi); Register("rdi", frame->Rdi); Register("rbp", frame->Rbp); Register("rsp", frame->Rsp); DebugConsole.WriteLine();
        Register("r8 ", frame->R8); Register("r9 ", frame->R9); Register("r10", frame->R10); Register("r11", frame->R11); DebugConsole.WriteLine();
        Register("r12", frame->R12); Register("r13", frame->R13); Register("r14", frame->R14); Register("r15", frame->R15); DebugConsole.WriteLine();
        Register("cs ", frame->Cs); Register("rfl", frame->Rflags); Register("cr2", cr2); Register("cr3", Cpu.ReadCr3()); DebugConsole.WriteLine();
        // ilc relies on this fault for NullReferenceException (no explicit null checks): name it as such.
        string what = frame->Vector == 14 && cr2 < 4096 ? "#PF page fault: NullReferenceException (access to page 0)" : TrapFrame.VectorName(frame->Vector);
        Panic.Fail(PanicReason.CpuException, what, (nuint)frame->Rip);
    }

    private static void Register(string name, ulong value)
    {
        DebugConsole.Write("    ");
        DebugConsole.Write(name);
        DebugConsole.Write(' ');
        DebugConsole.WriteHex(value, 16);
    }
}
