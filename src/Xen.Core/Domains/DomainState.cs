// Lifecycle of a domain (a subset of Xen's: running, shut down with a reason, crashed).
namespace Xen.Core.Domains;

/// <summary>Where a domain is in its life.</summary>
public enum DomainState
{
    /// <summary>Built; its vCPUs may run.</summary>
    Running = 0,
    /// <summary>Shut down by the guest (SCHEDOP_shutdown): see <see cref="Domain.ShutdownReason"/>.</summary>
    ShutDown,
    /// <summary>Crashed: the hypervisor stopped it after a fatal guest error (reason Crash).</summary>
    Crashed,
}
