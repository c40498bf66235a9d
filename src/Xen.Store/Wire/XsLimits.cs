// Why: the size limits are part of the ABI (public/io/xs_wire.h): violating the payload limit gets a
// connection killed, violating the path limits gets an error reply (docs/misc/xenstore.txt).
namespace Xen.Store.Wire;

/// <summary>Protocol limits from public/io/xs_wire.h.</summary>
public static class XsLimits
{
    /// <summary>XENSTORE_PAYLOAD_MAX: the largest payload in either direction.</summary>
    public const int PayloadMax = 4096;

    /// <summary>XENSTORE_ABS_PATH_MAX: the longest absolute path.</summary>
    public const int AbsolutePathMax = 3072;

    /// <summary>XENSTORE_REL_PATH_MAX: the longest relative path a client may send.</summary>
    public const int RelativePathMax = 2048;

    /// <summary>sizeof(struct xsd_sockmsg): four little-endian uint32 fields.</summary>
    public const int HeaderSize = 16;
}
