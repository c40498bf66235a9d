// The seam between the arch-neutral P2M and the second-stage tables built from it (x86 NPT, Arm stage-2).
// Grant mappings and grant-table frames change P2M entries while a domain runs; the arch layer implements this
// to rewrite the one leaf (mapped, read-only per P2m.IsReadOnly, or absent when HostPage is 0) and flush the
// stale translation from its TLBs before the guest runs again.
namespace Xen.Core.Memory;

/// <summary>Receives P2M entry changes.</summary>
public interface IP2mObserver
{
    /// <summary>The entry of guest frame <paramref name="gfn"/> changed: read it again from the P2M.</summary>
    void FrameChanged(ulong gfn);
}
