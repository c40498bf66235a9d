// Why: the client library surfaces xenstore ERROR replies as exceptions carrying the errno value.
using Xen.Store.Wire;

namespace Xen.Store.Daemon.Client;

/// <summary>A request failed with an xenstore error reply.</summary>
public sealed class XenStoreException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public XenStoreException(XsError error, string operation)
        : base(operation + " failed: " + XsErrorNames.Name(error))
    {
        Error = error;
    }

    /// <summary>The errno the daemon sent.</summary>
    public XsError Error { get; }
}
