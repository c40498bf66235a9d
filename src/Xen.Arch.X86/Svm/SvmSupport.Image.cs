// Detecting and enabling SVM on the boot CPU (AMD APM vol. 2 §15.4 "Enabling SVM"):
//   CPUID 8000_0001 ECX[2] = SVM; CPUID 8000_000A: EAX revision, EBX number of ASIDs, EDX[0] = nested paging;
//   VM_CR (MSR C001_0114) bit 4 SVMDIS set by firmware means SVM is locked off;
//   then EFER.SVME and VM_HSAVE_PA (MSR C001_0117) = a 4 KiB page the CPU uses to save host state on VMRUN.
using Xen.Arch.X86.Hardware;
using Xen.Core.Console;

namespace Xen.Arch.X86.Svm;

internal static unsafe class SvmSupport
{
    private const uint MsrVmCr = 0xC0010114;

    /// <summary>Enables SVM with nested paging on the boot CPU, using <paramref name="hsave"/> as its VM_HSAVE_PA
    /// page; prints what it found and returns the number of ASIDs, or 0 (with the reason printed) if unusable.</summary>
    internal static uint Enable(ulong hsave, IConsoleOutput output)
    {
        uint* r = stackalloc uint[4];
        Cpu.CpuId(0x80000000, 0, r);
        if (r[0] < 0x8000000A) return Fail(output, "no extended CPUID leaf 8000_000A");
        Cpu.CpuId(0x80000001, 0, r);
        if ((r[2] & (1u << 2)) == 0) return Fail(output, "CPU has no SVM (CPUID 8000_0001 ECX[2])");
        if ((Cpu.ReadMsr(MsrVmCr) & (1UL << 4)) != 0) return Fail(output, "SVM disabled by firmware (VM_CR.SVMDIS)");
        Cpu.CpuId(0x8000000A, 0, r);
        uint revision = r[0] & 0xFF, asids = r[1], features = r[3];
        if ((features & 1) == 0) return Fail(output, "no nested paging (CPUID 8000_000A EDX[0]); use -cpu qemu64,+svm,+npt");
        SvmHardware.Enable(hsave);
        output.Write("svm: enabled, revision ");
        output.WriteDecimal(revision);
        output.Write(", ");
        output.WriteDecimal(asids);
        output.Write(" ASIDs, nested paging");
        output.WriteLine((features & (1u << 3)) != 0 ? ", nRIP save" : ", no nRIP save");
        return asids;
    }

    /// <summary>Enables SVM on a secondary CPU (the boot CPU already checked support; all CPUs are alike).</summary>
    internal static void EnableOnThisCpu(ulong hsave) => SvmHardware.Enable(hsave);

    private static uint Fail(IConsoleOutput output, string why)
    {
        output.Write("svm: unavailable: ");
        output.WriteLine(why);
        return 0;
    }
}
