// Why: the hooks a host plugs into the core. Own delegate types instead of Action<...> keep the core
// within what the bare-metal corelib provides, and name the parameters for the reader.
namespace Xen.Store.Processing;

/// <summary>INTRODUCE succeeded: the host maps the domain's ring page and binds its event channel.</summary>
/// <param name="domainId">The introduced domain.</param>
/// <param name="mfn">The ring page's frame as given to INTRODUCE.</param>
/// <param name="eventChannel">The domain's unbound event channel for the ring.</param>
public delegate void DomainIntroducedHandler(uint domainId, ulong mfn, uint eventChannel);

/// <summary>RELEASE succeeded: the host unmaps the domain's ring.</summary>
/// <param name="domainId">The released domain.</param>
public delegate void DomainReleasedHandler(uint domainId);

/// <summary>Output was queued on an empty connection, or the connection was dropped.</summary>
/// <param name="connection">The connection.</param>
public delegate void OutputReadyHandler(XsConnection connection);
