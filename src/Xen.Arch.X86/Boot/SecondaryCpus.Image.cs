// Brings up the application processors (Intel SDM vol. 3 §9.4.4 "MP initialization example"): copy the
// real-mode trampoline (ApTrampoline.s) below 1 MiB, then per AP: INIT, 10 ms, SIPI, 200 µs, SIPI, and wait
// for it to check in. APs start one at a time because they share one boot block. A checked-in AP loads the
// shared IDT, enables its LAPIC and SVM, and waits until the boot CPU publishes the run loop; then every
// CPU runs the same CpuLoop. APIC ids are taken to be 0..n-1 (QEMU's default topology for -smp n).
using System.Runtime;
using System.Threading;
using Xen.Arch.X86.Hardware;
using Xen.Arch.X86.Interrupts;
using Xen.Arch.X86.Svm;
using Xen.Core.Console;
using Xen.Core.Scheduling;

namespace Xen.Arch.X86.Boot;

internal static unsafe class SecondaryCpus
{
    /// <summary>Where the trampoline runs: page 8 (0x8000), conventional memory the firmware leaves free.</summary>
    private const ulong TrampolinePage = 0x8;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.InternalCall), RuntimeImport("*", "xen_ap_trampoline_address")]
    private static extern byte* TrampolineAddress();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.InternalCall), RuntimeImport("*", "xen_ap_trampoline_size")]
    private static extern int TrampolineSize();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.InternalCall), RuntimeImport("*", "xen_ap_boot_address")]
    private static extern ulong* BootBlock();

    private static CpuLoop? s_loop;
    private static int s_finished;

    /// <summary>Starts APs 1 .. <paramref name="wanted"/>-1; returns how many CPUs are online (the boot CPU included).
    /// Stops at the first AP that does not check in.</summary>
    internal static int Start(int wanted, IConsoleOutput output)
    {
        int size = TrampolineSize();
        if (wanted <= 1 || size == 0) return 1;
        ulong cr3 = Cpu.ReadCr3();
        if (cr3 >= 1UL << 32) { output.WriteLine("smp: host page tables above 4 GiB, staying uniprocessor"); return 1; }
        byte* source = TrampolineAddress();
        byte* target = (byte*)(TrampolinePage << 12);
        for (int i = 0; i < size; i++) target[i] = source[i];
        ulong* block = BootBlock();
        block[0] = cr3;
        int online = 1;
        for (int cpu = 1; cpu < wanted; cpu++)
        {
            block[1] = PerCpu.StackTop(cpu);
            *(int*)(block + 2) = cpu;
            Volatile.Write(ref *((int*)(block + 2) + 1), 0);
            uint apicId = (uint)cpu;
            LocalApic.SendInit(apicId);
            AcpiPmTimer.Delay(10000);
            LocalApic.SendStartup(apicId, (uint)TrampolinePage);
            AcpiPmTimer.Delay(200);
            if (!CheckedIn(block, 0)) LocalApic.SendStartup(apicId, (uint)TrampolinePage);
            if (!CheckedIn(block, 200000))
            {
                output.Write("smp: cpu");
                output.WriteDecimal((ulong)cpu);
                output.WriteLine(" did not start");
                break;
            }
            online++;
        }
        return online;
    }

    /// <summary>Hands the run loop to every AP (they were waiting for it).</summary>
    internal static void Publish(CpuLoop loop) => Volatile.Write(ref s_loop, loop);

    /// <summary>Waits until <paramref name="count"/> APs left the run loop.</summary>
    internal static void WaitForFinish(int count)
    {
        while (Volatile.Read(ref s_finished) < count) Cpu.Pause();
    }

    private static bool CheckedIn(ulong* block, uint microseconds)
    {
        int* flag = (int*)(block + 2) + 1;
        uint start = AcpiPmTimer.Read();
        uint wanted = (uint)((ulong)microseconds * AcpiPmTimer.Frequency / 1000000);
        do
        {
            if (Volatile.Read(ref *flag) != 0) return true;
            Cpu.Pause();
        } while (((AcpiPmTimer.Read() - start) & 0xFFFFFF) < wanted);
        return Volatile.Read(ref *flag) != 0;
    }

    // The AP's first managed code (called by ApTrampoline.s on the AP's own stack, interrupts off).
    [RuntimeExport("XenApMain")]
    private static void ApMain(int cpu)
    {
        PerCpu.EnterOnThisCpu(cpu);
        ExceptionHandler.LoadOnThisCpu();
        LocalApic.EnableOnThisCpu();
        X86Cpus.RegisterThisCpu(cpu);
        SvmSupport.EnableOnThisCpu(PerCpu.HsaveArea(cpu));
        ulong* block = BootBlock();
        Volatile.Write(ref *((int*)(block + 2) + 1), 1);
        CpuLoop? loop;
        while ((loop = Volatile.Read(ref s_loop)) is null) Cpu.Pause();
        X86Cpus.StartTick();
        loop.Run();
        Interlocked.Increment(ref s_finished);
        while (true) Cpu.IdleWait(); // parked: interrupts wake it, it halts again
    }
}
