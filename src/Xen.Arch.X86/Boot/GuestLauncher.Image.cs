// Starts the boot domains and runs them on every CPU (shared/DESIGN.md §4, §6): bring up the LAPIC tick,
// SVM and the APs, build the domains from the PVH boot module, run the CPU loop on all CPUs until no vCPU can
// run, then print the exit statistics and each domain's fate. The exit status is 0 only if every domain
// shut down with poweroff.
// Domains come from the boot bundle (Xen.Core.Boot.Bundle): a cpio of xl.cfg files + kernels, one domain per
// cfg, or a lone ELF kernel as d1 (128 MiB, 1 vCPU, the module's command line). For a lone kernel the
// hypervisor command line's `guests=N vcpus=M` starts N copies with M vCPUs each (SMP tests). A cfg with
// errors is reported and left out; the others still start.
using Xen.Arch.X86.Hardware;
using Xen.Arch.X86.Svm;
using Xen.Arch.X86.Time;
using Xen.Core.Boot.Bundle;
using Xen.Core.Boot;
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Domains.Builder;
using Xen.Core.Hypercalls;
using Xen.Core.Scheduling;
using Xen.Core.Time;
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Boot;

internal static unsafe class GuestLauncher
{
    private const int MaxDomains = 16, MaxVcpus = 8;

    /// <summary>Boots the kernel at [kernel, kernel+size) as the boot domains; returns the power-off status.
    /// <paramref name="ramEnd"/> is the end of host RAM (XENMEM_maximum_ram_page).</summary>
    internal static int Run(byte* kernel, ulong size, byte* commandLine, int commandLineLength, string buildId, ulong ramEnd,
        CommandLine options)
    {
        var output = new HypervisorConsole();
        MaskLegacyPic();
        PhysicalPageAllocator* pages = RuntimeState.Pages;
        int online = BringUpCpus(pages, options, output, out uint asids, out TscClock? clock);
        if (online == 0) return 4;
        var cpus = new X86Cpus(online);
        var svm = new SvmDomainSupport(pages, new SvmHardware(), output, online, asids, cpus);
        if (!svm.IsReady) { output.WriteLine("svm: out of memory for permission maps"); return 4; }

        var module = new System.ReadOnlySpan<byte>(kernel, (int)size);
        BootBundle bundle = BootBundle.Parse(module, new System.ReadOnlySpan<byte>(commandLine, commandLineLength));
        BundleReport.Write(output, bundle);
        ulong copies = 1, vcpus = 0;
        if (bundle.Kind == BundleKind.Elf)
        {
            options.TryGetNumber("guests", MaxDomains, out copies);
            options.TryGetNumber("vcpus", MaxVcpus, out vcpus);
            if (copies == 0) copies = 1;
        }
        int wanted = bundle.Domains.Length * (int)copies;
        if (wanted > MaxDomains) wanted = MaxDomains;
        var factory = new DomainFactory(pages, svm, output);
        var all = new Domain[wanted];
        var domains = new DomainTable();
        var scheduler = new RoundRobinScheduler();
        int built = 0;
        for (int i = 0; i < wanted; i++)
        {
            DomainSpec spec = bundle.Domains[i % bundle.Domains.Length];
            ushort id = (ushort)(i + 1);
            string name = copies > 1 ? DomainName(id) : spec.Name;
            int vcpuCount = vcpus != 0 ? (int)vcpus : spec.Vcpus;
            BuildError error = factory.CreatePvh(id, name, spec.MemoryMiB, vcpuCount, spec.KernelIn(module), spec.CommandLine,
                out Domain? domain, out ElfError elfError);
            if (error != BuildError.None || domain is null)
            {
                ReportBuildFailure(output, name, error, elfError);
                continue;
            }
            output.Write("domain d");
            output.WriteDecimal(id);
            output.Write(" (");
            output.Write(name);
            output.Write("): ");
            output.WriteDecimal(spec.MemoryMiB);
            output.Write(" MiB, ");
            output.WriteDecimal((ulong)vcpuCount);
            output.WriteLine(" vCPU(s)");
            all[built++] = domain;
            domains.Add(domain);
            for (int v = 0; v < domain.Vcpus.Length; v++) scheduler.Add(domain.Vcpus[v]);
        }
        if (built == 0) return 5;
        var timers = new TimerQueue(clock!, domains);
        for (int i = 0; i < built; i++) timers.PublishWallClock(all[i]);

        var identity = new HypervisorIdentity
        {
            Changeset = buildId,
            Capabilities = "hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64",
            VirtStart = 0xFFFF800000000000, // HYPERVISOR_VIRT_START on x86-64 (arch-x86/xen-x86_64.h)
            MaxRamPage = (ramEnd + 4095) / 4096,
            FeatureSubmap0 = HypervisorIdentity.X86HvmFeatures,
        };
        var dispatcher = HypercallDispatcher.CreateDefault(identity, domains, timers);
        var loop = new CpuLoop(scheduler, dispatcher, output, cpus, timers);
        SecondaryCpus.Publish(loop);
        X86Cpus.StartTick();
        loop.Run();
        SecondaryCpus.WaitForFinish(online - 1);

        svm.Statistics.Print(output);
        dispatcher.PrintStatistics(output);
        PrintCpuStatistics(output, loop, online);
        return CpuLoop.ReportDomains(all, built, output) ? 0 : 1;
    }

    // The boot CPU's per-CPU block, LAPIC, SVM, the host clock and tick (one calibration), then the APs. Returns
    // the CPUs online (0 if SVM is unusable), the ASIDs each CPU has and the clock (null only when returning 0).
    private static int BringUpCpus(PhysicalPageAllocator* pages, CommandLine options, IConsoleOutput output, out uint asids,
        out TscClock? clock)
    {
        asids = 0;
        clock = null;
        int wanted = QemuFwCfg.CpuCount();
        if (options.TryGetNumber("maxcpus", PerCpu.MaxCpus, out ulong max) && max != 0 && (ulong)wanted > max) wanted = (int)max;
        if (wanted < 1) wanted = 1;
        if (wanted > PerCpu.MaxCpus) wanted = PerCpu.MaxCpus;
        if (!PerCpu.Prepare(wanted, pages)) { output.WriteLine("smp: out of memory for per-CPU pages"); wanted = 1; }
        PerCpu.EnterOnThisCpu(0);
        LocalApic.EnableOnThisCpu();
        X86Cpus.RegisterThisCpu(0);
        asids = SvmSupport.Enable(PerCpu.HsaveArea(0), output);
        if (asids == 0) return 0;
        clock = HostClockSetup.Create(output, out uint apicTicksPer10Ms);
        if (!X86Cpus.SetTick(apicTicksPer10Ms))
        {
            // Without a reference clock there is no tick, so no preemption and no second CPU to kick reliably.
            output.WriteLine("smp: no ACPI PM timer to calibrate the APIC timer: one CPU, no host tick");
            return 1;
        }
        int online = SecondaryCpus.Start(wanted, output);
        output.Write("smp: ");
        output.WriteDecimal((ulong)online);
        output.Write(" CPU(s) online, host tick ");
        output.WriteDecimal(X86Cpus.TickMicroseconds / 1000);
        output.Write(" ms = ");
        output.WriteDecimal(X86Cpus.TickTicks);
        output.WriteLine(" APIC timer ticks");
        return online;
    }

    private static void PrintCpuStatistics(IConsoleOutput output, CpuLoop loop, int online)
    {
        ulong[] perCpu = loop.ExitsPerCpu;
        for (int cpu = 0; cpu < online; cpu++)
        {
            output.Write("cpu");
            output.WriteDecimal((ulong)cpu);
            output.Write(": ");
            output.WriteDecimal(perCpu[cpu]);
            output.Write(" exits handled");
            if (cpu != 0)
            {
                output.Write(", stack high-water ");
                output.WriteDecimal(PerCpu.StackHighWater(cpu));
                output.Write(" of ");
                output.WriteDecimal(PerCpu.StackPages * 4096);
                output.Write(" bytes");
            }
            output.WriteLine();
        }
    }

    private static string DomainName(ushort id)
    {
        if (id < 10) return new string(new char[] { 'd', (char)('0' + id) });
        return new string(new char[] { 'd', (char)('0' + id / 10), (char)('0' + id % 10) });
    }

    private static void ReportBuildFailure(IConsoleOutput output, string name, BuildError error, ElfError elfError)
    {
        output.Write("domain ");
        output.Write(name);
        output.Write(": build failed: ");
        output.Write(BuildErrorName(error));
        if (error == BuildError.BadElf)
        {
            output.Write(", ELF error ");
            output.WriteDecimal((ulong)elfError);
        }
        output.WriteLine();
    }

    private static string BuildErrorName(BuildError error) => error switch
    {
        BuildError.BadElf => "not a valid ELF kernel",
        BuildError.NotPvh => "kernel has no XEN_ELFNOTE_PHYS32_ENTRY (not PVH)",
        BuildError.DoesNotFit => "kernel does not fit the domain's memory",
        BuildError.OutOfMemory => "out of memory",
        BuildError.ArchFailure => "SVM setup failed",
        _ => "unknown",
    };

    // The 8259 PICs stay masked: the hypervisor's interrupts come from the LAPIC (tick and kicks) only.
    private static void MaskLegacyPic()
    {
        Cpu.OutByte(0x21, 0xFF);
        Cpu.OutByte(0xA1, 0xFF);
    }
}
