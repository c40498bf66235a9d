// Why: SHARED_INFO, HVM_CONTEXT and the deprecated TOOLSTACK are opaque blobs, as are the bodies of
// optional records this library does not know and the zero-length variable records that Xen 4.6-4.8
// could emit (errata 1 of the spec). Keeping the raw body makes every round trip byte-exact.
using System;

namespace Xen.Migration.Libxc;

/// <summary>A libxc record whose body is kept as an uninterpreted blob.</summary>
public sealed class BlobRecord : LibxcRecord
{
    /// <summary>Creates the record.</summary>
    public BlobRecord(LibxcRecordType type, ReadOnlyMemory<byte> body)
    {
        Type = type;
        Body = body;
    }

    /// <inheritdoc />
    public override LibxcRecordType Type { get; }

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Body { get; }
}
