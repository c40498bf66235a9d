// The hypervisor's EL2 exception handler. Every exception taken from hypervisor code is fatal for now: print
// a crash dump (vector, ESR_EL2 decoded into class and syndrome, FAR_EL2, ELR_EL2 with the faulting method
// from the symbol table, x0-x30 and sp) and power off with the panic status. Aborts on page 0 are reported
// as null dereferences: NativeAOT code has no explicit null checks and relies on this fault for
// NullReferenceException (El2PageTables leaves page 0 invalid for exactly this).
using System.Runtime;
using Xen.Runtime.Diagnostics;
using Xen.Runtime.Text;

namespace Xen.Arch.Arm.Exceptions;

internal static unsafe class ExceptionHandler
{
    [RuntimeExport("XenArmTrap")]
    private static void Trap(TrapFrame* frame)
    {
        ulong esr = frame->Esr;
        uint ec = TrapFrame.ExceptionClass(esr);
        uint iss = TrapFrame.Syndrome(esr);
        bool nullDereference = TrapFrame.IsAbort(ec) && frame->Far < 4096;
        DebugConsole.Write("\n*** Xen# crash: vector ");
        DebugConsole.WriteDecimal((long)frame->Vector);
        DebugConsole.Write(" (");
        DebugConsole.Write(TrapFrame.VectorName(frame->Vector));
        DebugConsole.Write("): ");
        DebugConsole.WriteLine(TrapFrame.ClassName(ec));

        DebugConsole.Write("    ESR_EL2 ");
        DebugConsole.WriteHex(esr, 8);
        DebugConsole.Write(" EC 0x");
        DebugConsole.Write(HexDigit(ec >> 4));
        DebugConsole.Write(HexDigit(ec));
        DebugConsole.Write(" IL ");
        DebugConsole.WriteDecimal((long)((esr >> 25) & 1));
        DebugConsole.Write(" ISS ");
        DebugConsole.WriteHex(iss, 7);
        if (TrapFrame.IsAbort(ec))
        {
            // Data/instruction abort ISS: bits [5:0] fault status code, [1:0] of it the level; bit 6 WnR.
            DebugConsole.Write(": ");
            DebugConsole.Write(TrapFrame.FaultStatusName(iss & 0x3F));
            if ((iss & 0x3F) < 0x10)
            {
                DebugConsole.Write(" level ");
                DebugConsole.WriteDecimal((long)(iss & 3));
            }
            if (ec is 0x24 or 0x25) DebugConsole.Write((iss & (1 << 6)) != 0 ? ", write" : ", read");
        }
        DebugConsole.WriteLine();

        if (TrapFrame.HasFaultAddress(ec))
        {
            DebugConsole.Write("    FAR_EL2 ");
            DebugConsole.WriteHex(frame->Far, 16);
            if (nullDereference) DebugConsole.Write(" (null dereference)");
            DebugConsole.WriteLine();
        }
        DebugConsole.Write("    ELR_EL2 ");
        DebugConsole.WriteHex(frame->Elr, 16);
        DebugConsole.Write(' ');
        SymbolTable.WriteSymbol(frame->Elr);
        DebugConsole.WriteLine();

        for (int i = 0; i < 31; i++)
        {
            Register(i, frame->X[i]);
            if (i % 4 == 3) DebugConsole.WriteLine();
        }
        DebugConsole.Write("    sp  ");
        DebugConsole.WriteHex(frame->Sp, 16);
        DebugConsole.WriteLine();
        DebugConsole.Write("    spsr ");
        DebugConsole.WriteHex(frame->Spsr, 8);
        DebugConsole.Write(" sctlr ");
        DebugConsole.WriteHex(Hardware.SystemRegisters.ReadSctlr(), 8);
        DebugConsole.Write(" ttbr0 ");
        DebugConsole.WriteHex(Hardware.SystemRegisters.ReadTtbr0(), 8);
        DebugConsole.WriteLine();

        string what = nullDereference
            ? (ec is 0x24 or 0x25 ? "data abort: NullReferenceException (access to page 0)" : "instruction abort: NullReferenceException (call through page 0)")
            : TrapFrame.ClassName(ec);
        Panic.Fail(PanicReason.CpuException, what, (nuint)frame->Elr);
    }

    private static void Register(int index, ulong value)
    {
        DebugConsole.Write("    x");
        DebugConsole.WriteDecimal((long)index);
        if (index < 10) DebugConsole.Write(' ');
        DebugConsole.Write(' ');
        DebugConsole.WriteHex(value, 16);
    }

    private static char HexDigit(uint value)
    {
        value &= 0xF;
        return (char)(value < 10 ? '0' + value : 'a' + value - 10);
    }
}
