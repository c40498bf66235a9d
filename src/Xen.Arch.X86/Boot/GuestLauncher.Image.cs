// Starts the boot domains and runs them (shared/DESIGN.md §4, §6): enable SVM, build domain 1 from the PVH
// boot module (a lone ELF kernel: 128 MiB, 1 vCPU, the module's command line), run the CPU loop until no
// vCPU can run, then print the exit statistics and each domain's fate. The exit status is 0 only if every
// domain shut down with poweroff.
using Xen.Arch.X86.Hardware;
using Xen.Arch.X86.Svm;
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Domains.Builder;
using Xen.Core.Hypercalls;
using Xen.Core.Scheduling;
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Boot;

internal static unsafe class GuestLauncher
{
    private const ulong DefaultMemoryMiB = 128;

    /// <summary>Boots the kernel at [kernel, kernel+size) as d1; returns the power-off status. <paramref name="ramEnd"/>
    /// is the end of host RAM (XENMEM_maximum_ram_page).</summary>
    internal static int Run(byte* kernel, ulong size, byte* commandLine, int commandLineLength, string buildId, ulong ramEnd)
    {
        var output = new HypervisorConsole();
        MaskLegacyPic();
        PhysicalPageAllocator* pages = RuntimeState.Pages;
        if (!SvmSupport.Enable(pages, output)) return 4;
        var svm = new SvmDomainSupport(pages, new SvmHardware(), output);
        if (!svm.IsReady) { output.WriteLine("svm: out of memory for permission maps"); return 4; }
        var factory = new DomainFactory(pages, svm, output);
        BuildError error = factory.CreatePvh(1, "d1", DefaultMemoryMiB, 1, new System.ReadOnlySpan<byte>(kernel, (int)size),
            new System.ReadOnlySpan<byte>(commandLine, commandLineLength), out Domain? domain, out ElfError elfError);
        if (error != BuildError.None || domain is null)
        {
            output.Write("domain d1: build failed: ");
            output.Write(BuildErrorName(error));
            if (error == BuildError.BadElf)
            {
                output.Write(", ELF error ");
                output.WriteDecimal((ulong)elfError);
            }
            output.WriteLine();
            return 5;
        }
        output.Write("domain d1: ");
        output.WriteDecimal(DefaultMemoryMiB);
        output.WriteLine(" MiB, 1 vCPU, built from the boot module");

        var scheduler = new RoundRobinScheduler();
        scheduler.Add(domain.Vcpus[0]);
        var identity = new HypervisorIdentity
        {
            Changeset = buildId,
            Capabilities = "hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64",
            VirtStart = 0xFFFF800000000000, // HYPERVISOR_VIRT_START on x86-64 (arch-x86/xen-x86_64.h)
            MaxRamPage = (ramEnd + 4095) / 4096,
        };
        var domains = new DomainTable();
        domains.Add(domain);
        var dispatcher = HypercallDispatcher.CreateDefault(identity, domains);
        var loop = new CpuLoop(scheduler, dispatcher, output);
        loop.Run();

        svm.Statistics.Print(output);
        dispatcher.PrintStatistics(output);
        Domain[] all = { domain };
        return CpuLoop.ReportDomains(all, 1, output) ? 0 : 1;
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

    // The 8259 PICs stay masked: the hypervisor takes no device interrupts yet, and an unmasked timer IRQ
    // would turn into an endless stream of INTR exits while host IF is clear.
    private static void MaskLegacyPic()
    {
        Cpu.OutByte(0x21, 0xFF);
        Cpu.OutByte(0xA1, 0xFF);
    }
}
