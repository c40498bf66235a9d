// Why: hostile-input tests need to send arbitrary bytes over the daemon's socket and see whether a
// reply comes or the connection is dropped — below the client library, which only sends valid messages.
using System.Net.Sockets;
using Xen.Store.Wire;

namespace Xen.Store.Tests.Support;

internal sealed class RawSocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public RawSocket(string path)
    {
        _socket.Connect(new UnixDomainSocketEndPoint(path));
        _socket.ReceiveTimeout = 10000;
    }

    public void Send(byte[] bytes) => _socket.Send(bytes);

    /// <summary>Reads one message, or null if the daemon closed the connection.</summary>
    public Reply? Receive()
    {
        byte[] header = new byte[16];
        if (!ReadExactly(header))
        {
            return null;
        }

        XsHeader h = XsHeader.Read(header);
        Assert.True(h.Length <= XsLimits.PayloadMax, "daemon sent an oversized message");
        byte[] payload = new byte[h.Length];
        if (!ReadExactly(payload))
        {
            return null;
        }

        return new Reply(h.MessageType, h.RequestId, h.TransactionId, payload);
    }

    public Reply Request(XsMessageType type, byte[] payload, uint requestId = 1, uint tx = 0)
    {
        Send(CoreHarness.Message(type, requestId, tx, payload));
        Reply? r;
        do
        {
            r = Receive();
            Assert.NotNull(r);
        }
        while (r!.Type == XsMessageType.WatchEvent);
        return r;
    }

    public void Dispose() => _socket.Dispose();

    private bool ReadExactly(byte[] buffer)
    {
        int got = 0;
        try
        {
            while (got < buffer.Length)
            {
                int n = _socket.Receive(buffer, got, buffer.Length - got, SocketFlags.None);
                if (n == 0)
                {
                    return false;
                }

                got += n;
            }
        }
        catch (SocketException)
        {
            return false;
        }

        return true;
    }
}
