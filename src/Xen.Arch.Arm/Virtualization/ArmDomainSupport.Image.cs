// Xen.Core's IArchDomainSupport for AArch64: stage-2 tables from the domain's P2M with a VMID of its own,
// the per-domain devices (vpl011), and one VcpuContext page per vCPU (never moves: the vectors find it
// through TPIDR_EL2).
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Creates Arm domains' arch state.</summary>
internal sealed unsafe class ArmDomainSupport : IArchDomainSupport
{
    private readonly PhysicalPageAllocator* _pages;
    private readonly IConsoleOutput _output;
    // VMID 0 is left to the hypervisor; 8-bit VMIDs (VTCR_EL2.VS = 0) give 255 domains before reuse is needed.
    private ushort _nextVmid = 1;

    internal ArmDomainSupport(PhysicalPageAllocator* pages, IConsoleOutput output)
    {
        _pages = pages;
        _output = output;
        GuestRoutines.SetupEl2(Stage2Tables.Vtcr);
    }

    public bool PrepareDomain(Domain domain)
    {
        if (_nextVmid > 255) return false;
        ulong root = Stage2Tables.Build(_pages, domain.P2m);
        if (root == 0) return false;
        // CNTVOFF = the physical count now: the domain's virtual counter starts at zero.
        var state = new ArmDomainState(root, _nextVmid++, domain)
        {
            CounterOffset = Hardware.SystemRegisters.CounterValue(), Pages = _pages, Owner = domain,
        };
        domain.ArchState = state;
        domain.P2m.Observer = state;
        return true;
    }

    public IVcpuBackend? CreateVcpu(Vcpu vcpu)
    {
        if (vcpu.Domain.ArchState is not ArmDomainState state) return null;
        VcpuContext* context = (VcpuContext*)_pages->AllocatePages(1);
        if (context == null) return null;
        return new ArmVcpuBackend(vcpu, state, context, _output);
    }

    public void ReleaseDomain(Domain domain)
    {
        for (int i = 0; i < domain.Vcpus.Length; i++)
        {
            if (domain.Vcpus[i].Backend is IArmVcpu arm) _pages->FreePages((ulong)arm.Context, 1);
            domain.Vcpus[i].Backend = null;
        }
        if (domain.ArchState is ArmDomainState state) Stage2Tables.Release(_pages, state.Stage2Root);
        domain.ArchState = null;
    }
}
