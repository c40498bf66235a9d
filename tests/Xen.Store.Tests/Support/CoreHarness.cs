// Why: drives the core processor directly with request bytes and decodes what comes out, so protocol
// tests read like the wire conversation without any socket.
using System.Text;
using Xen.Store.Processing;
using Xen.Store.Wire;

namespace Xen.Store.Tests.Support;

internal sealed record Reply(XsMessageType Type, uint RequestId, uint TransactionId, byte[] Payload)
{
    public string Text => Encoding.ASCII.GetString(Payload);

    /// <summary>NUL-separated fields (the trailing terminator dropped).</summary>
    public string[] Fields => Text.Length == 0 ? Array.Empty<string>() : Text.TrimEnd('\0').Split('\0');

    public string ErrorName => Type == XsMessageType.Error ? Text.TrimEnd('\0') : "";
}

internal sealed class CoreHarness
{
    private uint _nextRequest = 100;

    public CoreHarness(StoreQuotas? quotas = null) => Server = new XenStoreServer(quotas);

    public XenStoreServer Server { get; }

    public static byte[] Message(XsMessageType type, uint requestId, uint tx, byte[] payload)
    {
        byte[] m = new byte[16 + payload.Length];
        new XsHeader((uint)type, requestId, tx, (uint)payload.Length).Write(m);
        payload.CopyTo(m, 16);
        return m;
    }

    public static byte[] Fields(params string[] fields)
    {
        StringBuilder b = new();
        foreach (string f in fields)
        {
            b.Append(f).Append('\0');
        }

        return Encoding.ASCII.GetBytes(b.ToString());
    }

    public static byte[] PathValue(string path, string value) => Encoding.ASCII.GetBytes(path + "\0" + value);

    /// <summary>Sends one request and returns everything the connection received (reply first, then events).</summary>
    public List<Reply> SendAll(XsConnection c, XsMessageType type, byte[] payload, uint tx = 0)
    {
        uint id = _nextRequest++;
        byte[] m = Message(type, id, tx, payload);
        int used = Server.Feed(c, m);
        Assert.Equal(m.Length, used);
        return Drain(c);
    }

    /// <summary>Sends one request and returns its reply, checking req_id and tx_id are echoed.</summary>
    public Reply Send(XsConnection c, XsMessageType type, byte[] payload, uint tx = 0)
    {
        uint id = _nextRequest;
        List<Reply> all = SendAll(c, type, payload, tx);
        Reply reply = all.First(r => r.Type != XsMessageType.WatchEvent);
        Assert.Equal(id, reply.RequestId);
        Assert.Equal(tx, reply.TransactionId);
        foreach (Reply e in all.Where(r => r.Type == XsMessageType.WatchEvent))
        {
            Pending.Enqueue((c, e));
        }

        return reply;
    }

    /// <summary>Watch events seen while collecting replies of <see cref="Send"/>.</summary>
    public Queue<(XsConnection, Reply)> Pending { get; } = new();

    public Reply Read(XsConnection c, string path, uint tx = 0) => Send(c, XsMessageType.Read, Fields(path), tx);

    public Reply Write(XsConnection c, string path, string value, uint tx = 0) => Send(c, XsMessageType.Write, PathValue(path, value), tx);

    public uint Begin(XsConnection c)
    {
        Reply r = Send(c, XsMessageType.TransactionStart, Fields(""));
        Assert.Equal(XsMessageType.TransactionStart, r.Type);
        return uint.Parse(r.Fields[0]);
    }

    public Reply End(XsConnection c, uint tx, bool commit) => Send(c, XsMessageType.TransactionEnd, Fields(commit ? "T" : "F"), tx);

    public static List<Reply> Drain(XsConnection c)
    {
        byte[] buffer = new byte[c.PendingOutputBytes];
        int n = c.TakeOutput(buffer);
        return Parse(buffer.AsSpan(0, n));
    }

    public static List<Reply> Parse(ReadOnlySpan<byte> bytes)
    {
        List<Reply> result = new();
        while (bytes.Length >= 16)
        {
            XsHeader h = XsHeader.Read(bytes);
            result.Add(new Reply(h.MessageType, h.RequestId, h.TransactionId, bytes.Slice(16, (int)h.Length).ToArray()));
            bytes = bytes.Slice(16 + (int)h.Length);
        }

        Assert.Equal(0, bytes.Length);
        return result;
    }

    /// <summary>Watch events waiting for <paramref name="c"/> (queued or seen during Send).</summary>
    public List<string> Events(XsConnection c)
    {
        List<string> paths = new();
        int n = Pending.Count;
        for (int i = 0; i < n; i++)
        {
            (XsConnection who, Reply r) = Pending.Dequeue();
            if (ReferenceEquals(who, c))
            {
                paths.Add(r.Fields[0] + "|" + r.Fields[1]);
            }
            else
            {
                Pending.Enqueue((who, r));
            }
        }

        foreach (Reply r in Drain(c))
        {
            Assert.Equal(XsMessageType.WatchEvent, r.Type);
            Assert.Equal(0u, r.RequestId);
            paths.Add(r.Fields[0] + "|" + r.Fields[1]);
        }

        return paths;
    }
}
