// Why: every message in both directions starts with struct xsd_sockmsg (public/io/xs_wire.h):
// uint32 type, req_id, tx_id, len — in the host's byte order, which is little-endian on every
// architecture Xen# targets (x86-64, arm64).
namespace Xen.Store.Wire;

/// <summary>The 16-byte xsd_sockmsg header that precedes every xenstore payload.</summary>
public readonly struct XsHeader
{
    /// <summary>Creates a header.</summary>
    public XsHeader(uint type, uint requestId, uint transactionId, uint length)
    {
        Type = type;
        RequestId = requestId;
        TransactionId = transactionId;
        Length = length;
    }

    /// <summary>The message type as sent (may be a value outside <see cref="XsMessageType"/>).</summary>
    public uint Type { get; }

    /// <summary>req_id: echoed by the daemon in the reply.</summary>
    public uint RequestId { get; }

    /// <summary>tx_id: the transaction, or 0.</summary>
    public uint TransactionId { get; }

    /// <summary>len: the payload length in bytes.</summary>
    public uint Length { get; }

    /// <summary>The type as the enum.</summary>
    public XsMessageType MessageType => (XsMessageType)Type;

    /// <summary>Reads a header from the first 16 bytes of <paramref name="source"/>.</summary>
    public static XsHeader Read(ReadOnlySpan<byte> source) => new(
        LittleEndian.ReadU32(source),
        LittleEndian.ReadU32(source.Slice(4)),
        LittleEndian.ReadU32(source.Slice(8)),
        LittleEndian.ReadU32(source.Slice(12)));

    /// <summary>Writes this header into the first 16 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        LittleEndian.WriteU32(destination, Type);
        LittleEndian.WriteU32(destination.Slice(4), RequestId);
        LittleEndian.WriteU32(destination.Slice(8), TransactionId);
        LittleEndian.WriteU32(destination.Slice(12), Length);
    }
}
