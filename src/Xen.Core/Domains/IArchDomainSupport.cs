// The arch seam for whole domains (shared/DESIGN.md §5): second-stage tables from the P2M, and one
// IVcpuBackend per vCPU. SVM implements it; VMX/Arm later.
namespace Xen.Core.Domains;

/// <summary>Architecture support the domain builder needs.</summary>
public interface IArchDomainSupport
{
    /// <summary>Prepares per-domain arch state (nested/second-stage tables built from the P2M). False when out of memory.</summary>
    bool PrepareDomain(Domain domain);

    /// <summary>Creates the backend for <paramref name="vcpu"/>; null when out of memory.</summary>
    IVcpuBackend? CreateVcpu(Vcpu vcpu);

    /// <summary>Frees everything <see cref="PrepareDomain"/> and <see cref="CreateVcpu"/> took for the domain.</summary>
    void ReleaseDomain(Domain domain);
}
