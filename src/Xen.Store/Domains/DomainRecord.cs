// Why: what INTRODUCE tells xenstored about a domain (docs/misc/xenstore.txt "Domain management"):
// the ring's machine frame and event channel, plus the SET_TARGET relation and the RESUME state.
namespace Xen.Store.Domains;

/// <summary>An introduced domain.</summary>
public sealed class DomainRecord
{
    internal DomainRecord(uint domainId, ulong mfn, uint eventChannel)
    {
        DomainId = domainId;
        Mfn = mfn;
        EventChannel = eventChannel;
    }

    /// <summary>The domain id.</summary>
    public uint DomainId { get; }

    /// <summary>The ring page's frame number as given to INTRODUCE.</summary>
    public ulong Mfn { get; }

    /// <summary>The domain's unbound event channel for the ring.</summary>
    public uint EventChannel { get; }

    /// <summary>The domain this one targets (SET_TARGET), if <see cref="HasTarget"/>.</summary>
    public uint TargetId { get; internal set; }

    /// <summary>Whether SET_TARGET gave this domain a target.</summary>
    public bool HasTarget { get; internal set; }

    /// <summary>Set when the domain was reported shut down; RESUME clears it.</summary>
    public bool ShutdownReported { get; internal set; }
}
