// Starts the boot domain on AArch64 and runs it (shared/DESIGN.md §4, §6), mirroring the x86 GuestLauncher:
// EL2 stage-2 setup, domain 1 (64 MiB at GUEST_RAM0_BASE, 1 vCPU) from the boot module — the initrd QEMU
// names in the DTB's /chosen (linux,initrd-start/end; only for a raw Image boot of the hypervisor, QEMU
// ignores -initrd for ELF kernels) — or, without one, the built-in smoke guest (SmokeGuest.s). The CPU loop
// and the hypercall table are Xen.Core's, shared with x86. Exit status 0 only if the domain powered off.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Memory;
using Xen.Core.Scheduling;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Virtualization;

internal static unsafe class ArmGuestLauncher
{
    private const ulong MemoryMiB = 64;

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_smoke_guest_image_start")] private static extern byte* SmokeStart();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_smoke_guest_image_end")] private static extern byte* SmokeEnd();

    private static bool ZeroPages(ulong address, ulong bytes) => Hardware.SystemRegisters.ZeroPages(address, bytes);

    /// <summary>Builds and runs d1 from [module, module+size) or the smoke guest when size is 0.</summary>
    internal static int Run(ulong module, ulong size, string buildId)
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

        ArmGuestBuilder.Error error = ArmGuestBuilder.Build(pages, MemoryMiB, image, out P2m? p2m, out ulong entry, &ZeroPages);
        if (error != ArmGuestBuilder.Error.None || p2m is null)
        {
            output.Write("domain d1: build failed: ");
            output.WriteLine(error == ArmGuestBuilder.Error.NotAnImage ? "not an arm64 Image" :
                error == ArmGuestBuilder.Error.DoesNotFit ? "kernel does not fit" : "out of memory");
            return 5;
        }
        var support = new ArmDomainSupport(pages, output);
        var domain = new Domain(1, "d1", p2m, 1, output);
        IVcpuBackend? backend = support.PrepareDomain(domain) ? support.CreateVcpu(domain.Vcpus[0]) : null;
        if (backend is null)
        {
            output.WriteLine("domain d1: build failed: out of memory for stage-2 tables");
            return 5;
        }
        domain.Vcpus[0].Backend = backend;
        domain.Vcpus[0].State = VcpuState.Runnable;
        var boot = new VcpuBootState { EntryPoint = entry, BootInfoAddress = 0 };
        backend.LoadBootState(boot);
        var state = (ArmDomainState)domain.ArchState!;
        output.Write("domain d1: ");
        output.WriteDecimal(MemoryMiB);
        output.Write(" MiB at 0x40000000, 1 vCPU, entry ");
        output.WriteHex(entry);
        output.Write(", VMID ");
        output.WriteDecimal(state.Vmid);
        output.Write(", ");
        output.WriteDecimal((ulong)Stage2Tables.CountTables(state.Stage2Root));
        output.WriteLine(" stage-2 table pages");

        var scheduler = new RoundRobinScheduler();
        scheduler.Add(domain.Vcpus[0]);
        var identity = new HypervisorIdentity
        {
            Changeset = buildId,
            Capabilities = "xen-3.0-aarch64 xen-3.0-armv7l ", // Xen on arm64 (xen/arch/arm/setup.c arch_get_xen_caps)
            VirtStart = 0,
        };
        var dispatcher = HypercallDispatcher.CreateDefault(identity);
        var loop = new CpuLoop(scheduler, dispatcher, output);
        loop.Run();

        output.Write("arm: ");
        output.WriteDecimal(((ArmVcpuBackend)backend).Exits);
        output.Write(" guest exits, ");
        output.WriteDecimal(state.Uart.BytesTransmitted);
        output.WriteLine(" bytes through the vpl011");
        dispatcher.PrintStatistics(output);
        Domain[] all = { domain };
        return CpuLoop.ReportDomains(all, 1, output) ? 0 : 1;
    }
}
