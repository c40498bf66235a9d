// Plays the CPU for SvmVcpu tests: each Run applies the next scripted exit to the VMCB and register block.
using Xen.Arch.X86.Guest;
using Xen.Arch.X86.Svm;

namespace Xen.Arch.X86.Tests.Svm;

internal unsafe delegate void ExitScript(Vmcb vmcb, SvmRunBlock* registers);

internal sealed unsafe class FakeSvmHardware : ISvmHardware
{
    public readonly Queue<ExitScript> Script = new();
    public int Runs;
    private ulong _tsc = 1000;

    public void Run(SvmRunBlock* block)
    {
        Runs++;
        var vmcb = new Vmcb((byte*)block->GuestVmcb);
        vmcb.ExitIntInfo = 0;
        if (Script.Count == 0) { vmcb.ExitCode = SvmExitCode.Hlt; return; }
        Script.Dequeue()(vmcb, block);
    }

    public CpuidResult HostCpuid(uint leaf, uint subleaf) => leaf switch
    {
        1 => new CpuidResult { Eax = 0x663, Ecx = 0x8 | 0x20 | 0x200000 | 1, Edx = 0x200 | 1 },
        0x80000001 => new CpuidResult { Ecx = 0x5 },
        0x8000000A => new CpuidResult { Eax = 1, Ebx = 16, Edx = 1 },
        _ => new CpuidResult { Eax = leaf },
    };

    public ulong ReadTsc() => _tsc += 100;

    public int CurrentCpu { get; set; }

    public ulong HostVmsaveArea { get; set; } = 0x5000;
}
