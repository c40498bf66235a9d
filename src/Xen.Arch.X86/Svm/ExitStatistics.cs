// Per exit reason: how many #VMEXITs and how many TSC cycles the hypervisor spent on them (from the
// #VMEXIT to the next VMRUN, so the core's handling is included). Printed when the hypervisor halts as
// `exit <name>: <count> exits, mean <cycles> cycles`: the promise "exits are cheap" becomes a number.
using Xen.Core.Console;

namespace Xen.Arch.X86.Svm;

/// <summary>Exit counters.</summary>
public sealed class ExitStatistics
{
    // Codes 0x00-0x9F index directly; NPF and INVALID get the two slots after them.
    private const int Slots = 0xA2;
    private const int NpfSlot = 0xA0, InvalidSlot = 0xA1;

    private readonly ulong[] _counts = new ulong[Slots];
    private readonly ulong[] _cycles = new ulong[Slots];

    /// <summary>Counts one exit (at the #VMEXIT).</summary>
    public void Count(ulong exitCode)
    {
        int slot = Slot(exitCode);
        if (slot >= 0) _counts[slot]++;
    }

    /// <summary>Adds the cycles spent on an exit (at the next VMRUN).</summary>
    public void AddCycles(ulong exitCode, ulong cycles)
    {
        int slot = Slot(exitCode);
        if (slot >= 0) _cycles[slot] += cycles;
    }

    /// <summary>Exits recorded for <paramref name="exitCode"/>.</summary>
    public ulong CountOf(ulong exitCode)
    {
        int s = Slot(exitCode);
        return s < 0 ? 0 : _counts[s];
    }

    /// <summary>Mean cycles per exit for <paramref name="exitCode"/> (0 if none).</summary>
    public ulong MeanCycles(ulong exitCode)
    {
        int s = Slot(exitCode);
        return s < 0 || _counts[s] == 0 ? 0 : _cycles[s] / _counts[s];
    }

    /// <summary>All exits recorded.</summary>
    public ulong Total
    {
        get
        {
            ulong total = 0;
            for (int i = 0; i < Slots; i++) total += _counts[i];
            return total;
        }
    }

    /// <summary>Prints one line per exit reason seen.</summary>
    public void Print(IConsoleOutput output)
    {
        for (int i = 0; i < Slots; i++)
        {
            if (_counts[i] == 0) continue;
            ulong code = i == NpfSlot ? SvmExitCode.Npf : i == InvalidSlot ? SvmExitCode.Invalid : (ulong)i;
            output.Write("exit ");
            output.Write(SvmExitCode.Name(code));
            output.Write(": ");
            output.WriteDecimal(_counts[i]);
            output.Write(" exits, mean ");
            output.WriteDecimal(_cycles[i] / _counts[i]);
            output.WriteLine(" cycles");
        }
    }

    private static int Slot(ulong code) =>
        code < 0xA0 ? (int)code : code == SvmExitCode.Npf ? NpfSlot : code == SvmExitCode.Invalid ? InvalidSlot : -1;
}
