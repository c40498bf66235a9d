// Xen.Core's IArchDomainSupport on SVM: nested page tables from each domain's P2M, one VMCB + register block
// per vCPU, and the permission maps every VMCB shares (allocated once, all bits set = intercept everything).
// Pages come from the hypervisor's page allocator; physical = virtual (identity map).
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Scheduling;
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Svm;

/// <summary>SVM domain and vCPU factory.</summary>
public sealed unsafe class SvmDomainSupport : IArchDomainSupport
{
    private readonly PhysicalPageAllocator* _pages;
    private readonly ISvmHardware _hardware;
    private readonly IConsoleOutput _output;
    private readonly ulong _iopm, _msrpm, _hostSaveArea;
    private readonly AsidSpace _asids;
    private readonly IPhysicalCpus? _cpus;

    /// <summary>Allocates the shared maps and the host VMSAVE area; check <see cref="IsReady"/>. ASIDs come from
    /// <paramref name="cpuCount"/> per-CPU spaces of <paramref name="asidCount"/> (CPUID 8000_000A EBX).</summary>
    public SvmDomainSupport(PhysicalPageAllocator* pages, ISvmHardware hardware, IConsoleOutput output, int cpuCount = 1, uint asidCount = 16,
        IPhysicalCpus? cpus = null)
    {
        _pages = pages;
        _hardware = hardware;
        _output = output;
        _asids = new AsidSpace(cpuCount, asidCount);
        _cpus = cpus;
        _iopm = Filled(3, 0xFF);
        _msrpm = Filled(2, 0xFF);
        _hostSaveArea = Filled(1, 0);
    }

    /// <summary>Exit counters of every vCPU created here.</summary>
    public ExitStatistics Statistics { get; } = new ExitStatistics();

    /// <summary>False if the shared pages could not be allocated.</summary>
    public bool IsReady => _iopm != 0 && _msrpm != 0 && _hostSaveArea != 0;

    /// <inheritdoc />
    public bool PrepareDomain(Domain domain)
    {
        NestedPageTables? npt = NestedPageTables.Build(domain.P2m, _pages);
        if (npt is null) return false;
        var state = new SvmDomainState(domain, npt, _cpus);
        domain.ArchState = state;
        domain.P2m.Observer = state;
        return true;
    }

    /// <inheritdoc />
    public IVcpuBackend? CreateVcpu(Vcpu vcpu)
    {
        if (vcpu.Domain.ArchState is not SvmDomainState state || !IsReady) return null;
        ulong vmcb = Filled(1, 0), block = Filled(1, 0);
        if (vmcb == 0 || block == 0)
        {
            if (vmcb != 0) _pages->FreePages(vmcb, 1);
            if (block != 0) _pages->FreePages(block, 1);
            return null;
        }
        state.AddVcpuPages(vmcb, block);
        var resources = new SvmDomainResources
        {
            IoPermissionMap = _iopm, MsrPermissionMap = _msrpm, Asids = _asids, NestedCr3 = state.Tables.Root,
        };
        return new SvmVcpu(vcpu, (byte*)vmcb, (SvmRunBlock*)block, _hostSaveArea, resources, _hardware, Statistics, _output);
    }

    /// <inheritdoc />
    public void ReleaseDomain(Domain domain)
    {
        if (domain.ArchState is not SvmDomainState state) return;
        state.Tables.Release(_pages);
        for (int i = 0; i < state.VcpuPageCount; i++) _pages->FreePages(state.VcpuPage(i), 1);
        domain.ArchState = null;
    }

    private ulong Filled(ulong count, byte value)
    {
        ulong page = _pages->AllocatePages(count);
        if (page == 0) return 0;
        ulong pattern = value * 0x0101010101010101UL;
        for (ulong i = 0; i < count * 512; i++) ((ulong*)page)[i] = pattern;
        return page;
    }
}

/// <summary>SVM state of one domain.</summary>
public sealed class SvmDomainState : IP2mObserver
{
    private readonly Domain _domain;
    private readonly IPhysicalCpus? _cpus;

    /// <summary>Creates the state; <paramref name="cpus"/> (may be null on one CPU) is used to kick vCPUs running
    /// elsewhere when the domain's mappings change.</summary>
    public SvmDomainState(Domain domain, NestedPageTables tables, IPhysicalCpus? cpus)
    {
        _domain = domain;
        Tables = tables;
        _cpus = cpus;
    }

    /// <inheritdoc />
    public void FrameChanged(ulong gfn)
    {
        // Out of table memory: the guest may keep a stale view, which is only safe if it cannot reach the page.
        if (!Tables.UpdateFrame(_domain.P2m, gfn)) { _domain.Crash(null, "out of memory for nested page tables"); return; }
        // Every vCPU of the domain flushes its guest TLB before it next runs; one that is running on another
        // CPU is kicked out of the guest now. (Xen waits for that flush; here the remote vCPU may use the old
        // translation until its exit, a window of one IPI delivery.)
        foreach (Vcpu vcpu in _domain.Vcpus)
        {
            if (vcpu.Backend is SvmVcpu svm) svm.RequestTlbFlush();
            int where = vcpu.RunningOn;
            if (_cpus is not null && where >= 0 && where != _cpus.Current) _cpus.Kick(where);
        }
    }

    /// <summary>The nested page tables.</summary>
    public NestedPageTables Tables { get; }

    private ulong[] _vcpuPages = new ulong[4];

    /// <summary>VMCB and register-block pages taken for this domain's vCPUs.</summary>
    public int VcpuPageCount { get; private set; }

    /// <summary>Page <paramref name="index"/> of those.</summary>
    public ulong VcpuPage(int index) => _vcpuPages[index];

    /// <summary>Records one vCPU's VMCB and register block so the domain's release frees them.</summary>
    public void AddVcpuPages(ulong vmcb, ulong block)
    {
        if (VcpuPageCount + 2 > _vcpuPages.Length)
        {
            var larger = new ulong[_vcpuPages.Length * 2];
            for (int i = 0; i < VcpuPageCount; i++) larger[i] = _vcpuPages[i];
            _vcpuPages = larger;
        }
        _vcpuPages[VcpuPageCount++] = vmcb;
        _vcpuPages[VcpuPageCount++] = block;
    }
}
