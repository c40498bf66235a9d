// The hypervisor's own privileged xenstore connection: what Xen's toolstack (libxl) does over xenstored's
// socket before a guest starts — create /local/domain/<id>, hand it to the domain (SET_PERMS), write its
// nodes and INTRODUCE it — done here by feeding xs_wire.h messages to the store's request processor, so
// the hypervisor goes through exactly the checks and watch events any toolstack would. Builds requests in
// one preallocated buffer with no string formatting (bare-metal rules).
using System;
using Xen.Store.Processing;
using Xen.Store.Wire;

namespace Xen.Core.Store;

/// <summary>A privileged (dom0) connection the hypervisor uses to set up domains in the store.</summary>
internal sealed class ToolstackChannel
{
    private readonly XenStoreServer _store;
    private readonly XsConnection _connection;
    private readonly byte[] _message = new byte[XsLimits.HeaderSize + XsLimits.PayloadMax];
    private readonly byte[] _reply = new byte[XsLimits.HeaderSize + XsLimits.PayloadMax];
    private int _length;
    private uint _requestId;
    private bool _overflow;

    /// <summary>Opens the privileged connection on <paramref name="store"/>.</summary>
    internal ToolstackChannel(XenStoreServer store)
    {
        _store = store;
        _connection = store.Connect();
    }

    /// <summary>Starts a new request payload.</summary>
    internal void Begin()
    {
        _length = 0;
        _overflow = false;
    }

    /// <summary>Appends the ASCII characters of <paramref name="text"/> (others become '?').</summary>
    internal void Text(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            Byte(c >= (char)0x20 && c < (char)0x7F ? (byte)c : (byte)'?');
        }
    }

    /// <summary>Appends <paramref name="value"/> in decimal.</summary>
    internal void Decimal(ulong value)
    {
        Span<byte> digits = stackalloc byte[20];
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
        while (value != 0);
        while (n > 0) Byte(digits[--n]);
    }

    /// <summary>Appends one byte (0 separates payload fields).</summary>
    internal void Byte(byte value)
    {
        if (_length >= XsLimits.PayloadMax) { _overflow = true; return; }
        _message[XsLimits.HeaderSize + _length++] = value;
    }

    /// <summary>Sends the payload as a <paramref name="type"/> request and takes the reply; true if it succeeded.</summary>
    internal bool Send(XsMessageType type)
    {
        if (_overflow || _connection.IsClosed) return false;
        new XsHeader((uint)type, ++_requestId, 0, (uint)_length).Write(_message);
        int total = XsLimits.HeaderSize + _length;
        if (_store.Feed(_connection, new ReadOnlySpan<byte>(_message, 0, total)) != total) return false;
        bool ok = false;
        // The reply comes first; watch events on this connection (it registers none) would follow it.
        while (_connection.PendingOutputBytes > 0)
        {
            int n = _connection.TakeOutput(_reply);
            if (n >= XsLimits.HeaderSize)
            {
                XsHeader header = XsHeader.Read(_reply);
                if (header.RequestId == _requestId) ok = header.MessageType != XsMessageType.Error;
            }
            if (n == 0) break;
        }
        return ok;
    }
}
