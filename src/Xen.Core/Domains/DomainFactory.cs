// Creates a running PVH domain from a kernel image: memory (P2M from the page allocator), the kernel and
// start info loaded, arch state (second-stage tables, vCPU backends), the boot vCPU's entry state.
// On any failure everything taken is given back and the reason is returned.
using System;
using Xen.Core.Console;
using Xen.Core.Domains.Builder;
using Xen.Core.Memory;
using Xen.Core.Public;
using Xen.Core.Store;
using Xen.Runtime.Memory;

namespace Xen.Core.Domains;

/// <summary>Builds domains.</summary>
public sealed unsafe class DomainFactory
{
    private readonly PhysicalPageAllocator* _pages;
    private readonly IArchDomainSupport _arch;
    private readonly IConsoleOutput _output;

    /// <summary>Creates a factory drawing memory from <paramref name="pages"/>.</summary>
    public DomainFactory(PhysicalPageAllocator* pages, IArchDomainSupport arch, IConsoleOutput output)
    {
        _pages = pages;
        _arch = arch;
        _output = output;
        Xenstore = new HypervisorXenstore();
    }

    /// <summary>The xenstore every domain this factory builds is connected to (params 1/2 name its ring).</summary>
    public HypervisorXenstore Xenstore { get; }

    /// <summary>Builds domain <paramref name="id"/> with <paramref name="memoryMiB"/> MiB and <paramref name="vcpus"/> vCPUs.</summary>
    public BuildError CreatePvh(ushort id, string name, ulong memoryMiB, int vcpus, ReadOnlySpan<byte> kernel,
        ReadOnlySpan<byte> commandLine, out Domain? domain, out ElfError elfError)
    {
        domain = null;
        elfError = ElfError.None;
        // Scrubbed lazily: build time follows what the loader touches, the rest is zeroed on first guest use.
        P2m? p2m = P2m.Allocate(_pages, memoryMiB * (1024 * 1024 / P2m.PageSize), scrubLazily: true);
        if (p2m is null) return BuildError.OutOfMemory;
        BuildError error = PvhLoader.Load(p2m, kernel, commandLine, out VcpuBootState boot, out elfError);
        if (error != BuildError.None) { p2m.Release(_pages); return error; }
        var d = new Domain(id, name, p2m, vcpus, _output);
        ulong sharedInfo = _pages->AllocatePages(1);
        if (sharedInfo == 0) { p2m.Release(_pages); return BuildError.OutOfMemory; }
        new Span<byte>((void*)sharedInfo, SharedInfoPage.Size).Clear();
        d.SharedInfo = new SharedInfoPage(sharedInfo);
        // Xen creates the grant table with the domain, so pages run out at build time, not in a guest's hypercall.
        d.GrantTable = Grants.GrantTable.Create(d, _pages);
        if (d.GrantTable is null) { Release(d); return BuildError.OutOfMemory; }
        AttachConsole(d);
        Xenstore.Attach(d); // a domain without a store still runs (params 1/2 stay 0), as without xenstored
        if (!_arch.PrepareDomain(d)) { Release(d); return BuildError.ArchFailure; }
        for (int i = 0; i < vcpus; i++)
        {
            IVcpuBackend? backend = _arch.CreateVcpu(d.Vcpus[i]);
            if (backend is null)
            {
                _arch.ReleaseDomain(d);
                Release(d);
                return BuildError.ArchFailure;
            }
            d.Vcpus[i].Backend = backend;
            // Secondary vCPUs stay down until the guest brings them up (VCPUOP_initialise/up).
            d.Vcpus[i].State = i == 0 ? VcpuState.Runnable : VcpuState.Down;
        }
        d.Vcpus[0].Backend!.LoadBootState(boot);
        domain = d;
        return BuildError.None;
    }

    // Every domain gets a PV console: the ring in its special console frame and an unbound port for dom0
    // (as the toolstack allocates it for xenconsoled), served by the hypervisor; params 17/18 name both.
    private static void AttachConsole(Domain d)
    {
        ulong gfn = SpecialPages.ConsoleGfn(d.P2m);
        int port = d.EventChannels.AllocUnbound(0);
        if (port <= 0 || d.P2m.Clear(gfn * P2m.PageSize, P2m.PageSize) != 0) return;
        var ring = new PvConsoleRing(d, gfn, (uint)port);
        d.EventChannels.AttachListener((uint)port, ring);
        d.PvConsole = ring;
        d.HvmParams[HvmOp.ParamConsolePfn] = gfn;
        d.HvmParams[HvmOp.ParamConsoleEvtchn] = (uint)port;
    }

    // Gives back the memory the core took for a domain (the arch layer frees its own state).
    private void Release(Domain d)
    {
        Xenstore.Detach(d);
        d.GrantTable?.Release();
        d.GrantTable = null;
        if (d.SharedInfo is not null) _pages->FreePages(d.SharedInfo.InitialHostPage, 1);
        d.SharedInfo = null;
        d.P2m.Release(_pages);
    }
}
