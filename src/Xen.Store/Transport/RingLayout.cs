// Why: byte offsets of struct xenstore_domain_interface (public/io/xs_wire.h; table in
// docs/misc/xenstore-ring.txt): two 1024-byte rings, four free-running uint32 indexes, the server
// feature bitmap, the connection state and the connection error indicator.
namespace Xen.Store.Transport;

/// <summary>Layout constants of the xenstore shared page.</summary>
public static class RingLayout
{
    /// <summary>XENSTORE_RING_SIZE: bytes in each ring; indexes are masked with size-1.</summary>
    public const int RingSize = 1024;

    /// <summary>Offset of char req[1024]: requests to the server ("Input").</summary>
    public const int Request = 0;

    /// <summary>Offset of char rsp[1024]: replies and watch events ("Output").</summary>
    public const int Response = 1024;

    /// <summary>Offset of req_cons (server-written).</summary>
    public const int RequestConsumer = 2048;

    /// <summary>Offset of req_prod (guest-written).</summary>
    public const int RequestProducer = 2052;

    /// <summary>Offset of rsp_cons (guest-written).</summary>
    public const int ResponseConsumer = 2056;

    /// <summary>Offset of rsp_prod (server-written).</summary>
    public const int ResponseProducer = 2060;

    /// <summary>Offset of server_features.</summary>
    public const int ServerFeatures = 2064;

    /// <summary>Offset of connection (XENSTORE_CONNECTED 0 / XENSTORE_RECONNECT 1).</summary>
    public const int Connection = 2068;

    /// <summary>Offset of the connection error indicator (docs/misc/xenstore-ring.txt).</summary>
    public const int Error = 2072;

    /// <summary>Bytes the server touches; a page (4096) is always enough.</summary>
    public const int MinimumSize = 2076;

    /// <summary>XENSTORE_SERVER_FEATURE_RECONNECTION (bit 0).</summary>
    public const uint FeatureReconnection = 1;

    /// <summary>Connection error indicator feature (bit 1, docs/misc/xenstore-ring.txt).</summary>
    public const uint FeatureConnectionError = 2;

    /// <summary>Error value 2: inconsistent producer or consumer offset.</summary>
    public const uint ErrorBadIndex = 2;

    /// <summary>Error value 3: protocol violation (client packet too long).</summary>
    public const uint ErrorProtocol = 3;
}
