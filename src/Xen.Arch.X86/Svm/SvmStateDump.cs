// The register dump printed when a domain crashes (triple fault, access outside its memory): enough to find
// the failing instruction in the guest's disassembly without a debugger.
using Xen.Core.Console;

namespace Xen.Arch.X86.Svm;

/// <summary>Prints a vCPU's state.</summary>
public static unsafe class SvmStateDump
{
    /// <summary>Writes the dump.</summary>
    public static void Write(IConsoleOutput o, Vmcb v, SvmRunBlock* r, ulong exitCode)
    {
        Line(o, "exit", exitCode, "info1", v.ExitInfo1, "info2", v.ExitInfo2, "intinfo", v.ExitIntInfo);
        o.Write("    (");
        o.Write(SvmExitCode.Name(exitCode));
        o.WriteLine(")");
        Line(o, "rip", v.Rip, "rsp", v.Rsp, "rflags", v.Rflags, "cpl", v.Cpl);
        Line(o, "rax", v.Rax, "rbx", r->Rbx, "rcx", r->Rcx, "rdx", r->Rdx);
        Line(o, "rsi", r->Rsi, "rdi", r->Rdi, "rbp", r->Rbp, "r8", r->R8);
        Line(o, "r9", r->R9, "r10", r->R10, "r11", r->R11, "r12", r->R12);
        Line(o, "r13", r->R13, "r14", r->R14, "r15", r->R15, "efer", v.Efer);
        Line(o, "cr0", v.Cr0, "cr2", v.Cr2, "cr3", v.Cr3, "cr4", v.Cr4);
        Line(o, "cs", v.SegmentSelector(Vmcb.Cs), "cs.attr", v.SegmentAttributes(Vmcb.Cs), "cs.base", v.SegmentBase(Vmcb.Cs), "ss", v.SegmentSelector(Vmcb.Ss));
    }

    private static void Line(IConsoleOutput o, string n1, ulong v1, string n2, ulong v2, string n3, ulong v3, string n4, ulong v4)
    {
        Pair(o, n1, v1); Pair(o, n2, v2); Pair(o, n3, v3); Pair(o, n4, v4);
        o.WriteLine();
    }

    private static void Pair(IConsoleOutput o, string name, ulong value)
    {
        o.Write("    ");
        o.Write(name);
        o.Write(" ");
        o.WriteHex(value, 16);
    }
}
