// Starts the boot domains on AArch64 and runs them (shared/DESIGN.md §4, §6), mirroring the x86 GuestLauncher:
// the host GICv3, EL2 stage-2 setup, then domains d1..dN (64 MiB at GUEST_RAM0_BASE each, M vCPUs; vCPU 0 runs,
// the others wait for PSCI CPU_ON) from the boot module — the initrd QEMU names in the DTB's /chosen (only for
// a raw Image boot of the hypervisor; QEMU ignores -initrd for ELF kernels) — or, without one, the built-in smoke
// guest (SmokeGuest.s). The module is a boot bundle (Xen.Core.Boot.Bundle, the same format as x86: a cpio of
// xl.cfg files + kernels + ramdisks, one domain per cfg with its memory, vcpus, cmdline and ramdisk) or a lone
// arm64 Image, for which `guests=N` starts it N times (N ≤ 4), `vcpus=M` gives each domain M vCPUs (M ≤ 8),
// `guestmem=<MiB>` its RAM (default 64) and `guestargs=` its /chosen/bootargs. A ramdisk is loaded just below
// the device tree window at the top of RAM and named in /chosen (linux,initrd-start/end). Each domain gets a shared_info page, a vGICv3 and a device tree
// (GuestDeviceTree) whose address is its x0. The run loop is ArmCpuLoop over Xen.Core's exit handling and
// hypercall table (shared with x86). Exit status 0 only if every domain powered off.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using Xen.Arch.Arm.Hardware;
using Xen.Arch.Arm.Virtualization.DeviceTree;
using Xen.Core.Boot;
using Xen.Core.Boot.Bundle;
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Memory;
using Xen.Core.Scheduling;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Virtualization;

internal static unsafe class ArmGuestLauncher
{
    private const ulong DefaultMemoryMiB = 64, MaxMemoryMiB = 1024;
    private const int MaxDomains = 4, MaxVcpus = 8;
    private static readonly string[] s_names = { "d1", "d2", "d3", "d4" };

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_smoke_guest_image_start")] private static extern byte* SmokeStart();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_smoke_guest_image_end")] private static extern byte* SmokeEnd();

    private static bool ZeroPages(ulong address, ulong bytes) => SystemRegisters.ZeroPages(address, bytes);

    /// <summary>Builds and runs the domains from [module, module+size) or the smoke guest when size is 0.</summary>
    internal static int Run(ulong module, ulong size, string buildId, CommandLine commandLine)
    {
        var output = new HypervisorConsole();
        PhysicalPageAllocator* pages = RuntimeState.Pages;
        ReadOnlySpan<byte> image;
        if (size != 0 && size < int.MaxValue)
        {
            output.Write("guests: boot module at ");
            output.WriteHex(module);
            output.Write(", ");
            output.WriteDecimal(size);
            output.WriteLine(" bytes");
            image = new ReadOnlySpan<byte>((void*)module, (int)size);
        }
        else
        {
            output.WriteLine("guests: no boot module, running the built-in smoke guest");
            image = new ReadOnlySpan<byte>(SmokeStart(), (int)(SmokeEnd() - SmokeStart()));
        }
        int copies = (int)Number(commandLine, "guests", 1, MaxDomains);
        int vcpus = (int)Number(commandLine, "vcpus", 1, MaxVcpus);
        ulong memoryMiB = Number(commandLine, "guestmem", DefaultMemoryMiB, MaxMemoryMiB);
        ReadOnlySpan<byte> guestArgs = commandLine.TryGetValue("guestargs", out ReadOnlySpan<byte> args) ? args : default;
        BootBundle bundle = BootBundle.Parse(image, guestArgs);
        if (!BundleReport.Write(output, bundle) || (bundle.Kind != BundleKind.Cpio && bundle.Kind != BundleKind.Arm64Image)) return 5;
        int domainCount = bundle.Kind == BundleKind.Cpio ? Math.Min(bundle.Domains.Length, MaxDomains) : copies;

        if (!HostGic.Initialize())
        {
            output.WriteLine("gic: no redistributor for this CPU; cannot run guests");
            return 5;
        }
        HostGic.Report();

        var support = new ArmDomainSupport(pages, output);
        var domains = new Domain[domainCount];
        for (int i = 0; i < domainCount; i++)
        {
            Domain? domain;
            if (bundle.Kind == BundleKind.Cpio)
            {
                DomainSpec spec = bundle.Domains[i];
                domain = Build(support, pages, (ushort)(i + 1), spec.Name, Math.Min(spec.Vcpus, MaxVcpus), Math.Min(spec.MemoryMiB, MaxMemoryMiB),
                    spec.KernelIn(image), spec.CommandLine, spec.RamdiskIn(image), output);
            }
            else
            {
                domain = Build(support, pages, (ushort)(i + 1), s_names[i], vcpus, memoryMiB, image, guestArgs, default, output);
            }
            if (domain is null) return 5;
            domains[i] = domain;
        }

        var identity = new HypervisorIdentity
        {
            Changeset = buildId,
            Capabilities = "xen-3.0-aarch64 xen-3.0-armv7l ", // Xen on arm64 (xen/arch/arm/setup.c arch_get_xen_caps)
            VirtStart = 0,
        };
        var table = new DomainTable();
        for (int i = 0; i < domainCount; i++) table.Add(domains[i]);
        var dispatcher = HypercallDispatcher.CreateDefault(identity, table);
        var loop = new ArmCpuLoop(domains, domainCount, dispatcher, output);
        loop.Run();

        ulong exits = 0, bytes = 0, injected = 0;
        for (int i = 0; i < domainCount; i++)
        {
            var state = (ArmDomainState)domains[i].ArchState!;
            bytes += state.Uart.BytesTransmitted;
            for (int v = 0; v < domains[i].Vcpus.Length; v++)
            {
                if (domains[i].Vcpus[v].Backend is ArmVcpuBackend arm) exits += arm.Exits;
                injected += state.Vgic.Cpus[v].Injected;
            }
        }
        output.Write("arm: ");
        output.WriteDecimal(exits);
        output.Write(" guest exits, ");
        output.WriteDecimal(bytes);
        output.WriteLine(" bytes through the vpl011");
        output.Write("arm: ");
        output.WriteDecimal(injected);
        output.Write(" virtual interrupts injected; host IRQs: ");
        output.WriteDecimal(HostInterrupts.VirtualTimer);
        output.Write(" virtual timer, ");
        output.WriteDecimal(HostInterrupts.HypervisorTimer);
        output.Write(" EL2 timer, ");
        output.WriteDecimal(HostInterrupts.Maintenance);
        output.Write(" maintenance; ");
        output.WriteDecimal(loop.IdleWaits);
        output.Write(" idle waits (woken on average ");
        output.WriteDecimal(loop.IdleWaits == 0 ? 0 : loop.IdleOvershoot / loop.IdleWaits);
        output.Write(" ticks after the deadline); ");
        output.WriteDecimal(loop.SavedTimerInjections);
        output.Write(" timer interrupts injected from saved state, on average ");
        output.WriteDecimal(loop.SavedTimerInjections == 0 ? 0 : loop.InjectionLateness / loop.SavedTimerInjections);
        output.WriteLine(" ticks after the deadline");
        dispatcher.PrintStatistics(output);
        return CpuLoop.ReportDomains(domains, domainCount, output) ? 0 : 1;
    }

    private static Domain? Build(ArmDomainSupport support, PhysicalPageAllocator* pages, ushort id, string name, int vcpus,
        ulong memoryMiB, ReadOnlySpan<byte> image, ReadOnlySpan<byte> guestArgs, ReadOnlySpan<byte> ramdisk, HypervisorConsole output)
    {
        ArmGuestBuilder.Error error = ArmGuestBuilder.Build(pages, memoryMiB, image, out P2m? p2m, out ulong entry, &ZeroPages);
        if (error != ArmGuestBuilder.Error.None || p2m is null)
        {
            output.Write("domain ");
            output.Write(name);
            output.Write(": build failed: ");
            output.WriteLine(error == ArmGuestBuilder.Error.NotAnImage ? "not an arm64 Image" :
                error == ArmGuestBuilder.Error.DoesNotFit ? "kernel does not fit" : "out of memory");
            return null;
        }
        var domain = new Domain(id, name, p2m, vcpus, output);
        ulong sharedInfo = pages->AllocatePages(1);
        if (sharedInfo == 0 || !support.PrepareDomain(domain))
        {
            output.WriteLine("domain: build failed: out of memory for shared_info or stage-2 tables");
            return null;
        }
        new Span<byte>((void*)sharedInfo, SharedInfoPage.Size).Clear();
        domain.SharedInfo = new SharedInfoPage(sharedInfo);
        for (int v = 0; v < vcpus; v++)
        {
            IVcpuBackend? backend = support.CreateVcpu(domain.Vcpus[v]);
            if (backend is null)
            {
                output.WriteLine("domain: build failed: out of memory for vCPU state");
                return null;
            }
            domain.Vcpus[v].Backend = backend;
            domain.Vcpus[v].State = v == 0 ? VcpuState.Runnable : VcpuState.Down;
        }
        // The ramdisk sits right below the device tree's window at the top of RAM (arm64 booting.rst: anywhere in
        // RAM the kernel does not occupy; the kernel is at the bottom).
        ulong initrdStart = 0, initrdEnd = 0;
        if (!ramdisk.IsEmpty)
        {
            ulong top = ArmGuestBuilder.RamBase + (memoryMiB << 20) - GuestDeviceTree.Window;
            initrdStart = (top - (ulong)ramdisk.Length) & ~(P2m.PageSize - 1);
            if (initrdStart < entry + (ulong)image.Length || p2m.Write(initrdStart, ramdisk) != 0)
            {
                output.Write("domain ");
                output.Write(name);
                output.WriteLine(": build failed: the ramdisk does not fit above the kernel");
                return null;
            }
            initrdEnd = initrdStart + (ulong)ramdisk.Length;
        }
        ulong dtb = GuestDeviceTree.Place(p2m, memoryMiB << 20, vcpus, guestArgs, initrdStart, initrdEnd);
        var boot = new VcpuBootState { EntryPoint = entry, BootInfoAddress = dtb };
        domain.Vcpus[0].Backend!.LoadBootState(boot);
        var state = (ArmDomainState)domain.ArchState!;
        output.Write("domain ");
        output.Write(name);
        output.Write(": ");
        output.WriteDecimal(memoryMiB);
        output.Write(" MiB at 0x40000000, ");
        output.WriteDecimal((ulong)vcpus);
        output.Write(vcpus == 1 ? " vCPU, entry " : " vCPUs, entry ");
        output.WriteHex(entry);
        output.Write(", VMID ");
        output.WriteDecimal(state.Vmid);
        output.Write(", ");
        output.WriteDecimal((ulong)Stage2Tables.CountTables(state.Stage2Root));
        output.Write(" stage-2 table pages, DTB at ");
        output.WriteHex(dtb);
        output.WriteLine();
        return domain;
    }

    // name=<decimal> clamped to [1, max]; the bare word or a bad value gives the default.
    private static ulong Number(CommandLine commandLine, string name, ulong fallback, ulong max)
    {
        if (!commandLine.TryGetValue(name, out ReadOnlySpan<byte> text) || text.Length == 0) return fallback;
        ulong value = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] < (byte)'0' || text[i] > (byte)'9') return fallback;
            value = value * 10 + (ulong)(text[i] - '0');
            if (value > max) return max;
        }
        return value == 0 ? fallback : value;
    }
}
