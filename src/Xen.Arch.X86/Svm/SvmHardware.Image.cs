// ISvmHardware in images: VMRUN through VmRun.s, CPUID and RDTSC through Hardware/Cpu.s.
using System.Runtime;
using System.Runtime.CompilerServices;
using Xen.Arch.X86.Guest;
using Xen.Arch.X86.Hardware;

namespace Xen.Arch.X86.Svm;

internal sealed unsafe class SvmHardware : ISvmHardware
{
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_svm_run")] private static extern void VmRun(SvmRunBlock* block);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_svm_enable")] internal static extern void Enable(ulong hostSavePa);

    public void Run(SvmRunBlock* block) => VmRun(block);

    public CpuidResult HostCpuid(uint leaf, uint subleaf)
    {
        uint* r = stackalloc uint[4];
        Cpu.CpuId(leaf, subleaf, r);
        return new CpuidResult { Eax = r[0], Ebx = r[1], Ecx = r[2], Edx = r[3] };
    }

    public ulong ReadTsc() => Cpu.ReadTsc();

    public int CurrentCpu => Cpu.CurrentIndex();

    public ulong HostVmsaveArea => PerCpu.HostVmsaveArea;
}
