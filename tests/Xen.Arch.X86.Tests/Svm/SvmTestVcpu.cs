// One SVM vCPU over native memory: a 1 MiB domain, its NPT, VMCB and register block from SvmDomainSupport.
using Xen.Arch.X86.Svm;
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Memory;

namespace Xen.Arch.X86.Tests.Svm;

internal sealed unsafe class SvmTestVcpu : IDisposable
{
    public readonly NativePages Memory = new(8);
    public readonly FakeSvmHardware Hardware = new();
    public readonly TextConsole Console = new();
    public readonly SvmDomainSupport Support;
    public readonly Domain Domain;
    public readonly SvmVcpu Cpu;

    public SvmTestVcpu()
    {
        P2m p2m = P2m.Allocate(Memory.Pages, 256)!;
        Domain = new Domain(3, "svm", p2m, 1, Console);
        Support = new SvmDomainSupport(Memory.Pages, Hardware, Console);
        Assert.True(Support.IsReady);
        Assert.True(Support.PrepareDomain(Domain));
        Cpu = (SvmVcpu)Support.CreateVcpu(Domain.Vcpus[0])!;
        Domain.Vcpus[0].Backend = Cpu;
        Cpu.LoadBootState(new VcpuBootState { Mode = VcpuBootMode.Pvh32, EntryPoint = 0x1000, BootInfoAddress = 0x8000 });
    }

    public Vmcb Vmcb => Cpu.Vmcb;
    public SvmRunBlock* Regs => Cpu.Registers;

    public void Dispose() => Memory.Dispose();
}

internal sealed class TextConsole : IConsoleOutput
{
    private readonly System.Text.StringBuilder _text = new();
    public void Write(ReadOnlySpan<char> text) => _text.Append(text);
    public void WriteAscii(ReadOnlySpan<byte> text) { foreach (byte b in text) _text.Append((char)b); }
    public void WriteLine() => _text.Append('\n');
    public string Text => _text.ToString();
}
