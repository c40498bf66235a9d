// Why: CONTROL (docs/misc/xenstore.txt "Miscellaneous"): implementation-specific daemon commands.
// Besides the documented check/log/logfile/memreport/print/help we add "session|<name>": a client that
// reconnects after a daemon restart names its earlier session and takes back its watches, open
// transactions and queued events (the restartable-xenstored feature). Foreign clients never send it.
using Xen.Store.Collections;
using Xen.Store.Wire;

namespace Xen.Store.Processing;

/// <summary>CONTROL commands.</summary>
internal static class ControlRequests
{
    private static readonly string[] Commands = { "check", "help", "log", "logfile", "memreport", "print", "session" };

    public static XsError Handle(XenStoreServer server, XsConnection conn, ReadOnlySpan<byte> payload, ByteBuilder reply)
    {
        if (!conn.Privileged)
        {
            return XsError.EACCES;
        }

        if (!PayloadFields.Take(ref payload, out ReadOnlySpan<byte> command))
        {
            return XsError.EINVAL;
        }

        PayloadFields.Take(ref payload, out ReadOnlySpan<byte> argument);
        if (Is(command, "help"))
        {
            for (int i = 0; i < Commands.Length; i++)
            {
                reply.AppendAscii(Commands[i]);
                reply.Append((byte)'\n');
            }

            reply.Append(0);
            return XsError.None;
        }

        if (Is(command, "session"))
        {
            PayloadFields.Take(ref payload, out ReadOnlySpan<byte> unanswered);
            return Session(server, conn, argument, unanswered, reply);
        }

        for (int i = 0; i < Commands.Length; i++)
        {
            if (Is(command, Commands[i]))
            {
                reply.AppendAscii("OK");
                reply.Append(0);
                return XsError.None;
            }
        }

        return XsError.EINVAL;
    }

    /// <summary>
    /// "session|&lt;name&gt;|[&lt;id&gt;,&lt;id&gt;...|]": claims a detached session. The optional list names
    /// requests the client got no reply for; remembered replies to them are sent again after the
    /// "RESUMED" reply, which lists their ids so the client resends only the others.
    /// </summary>
    private static XsError Session(XenStoreServer server, XsConnection conn, ReadOnlySpan<byte> name, ReadOnlySpan<byte> unanswered, ByteBuilder reply)
    {
        if (name.Length == 0 || name.Length > 128 || conn.SessionName != null)
        {
            return XsError.EINVAL;
        }

        string sessionName = Paths.StorePath.Ascii(name);
        GrowList<XsConnection> all = server.Connections;
        for (int i = 0; i < all.Count; i++)
        {
            XsConnection other = all[i];
            if (!ReferenceEquals(other, conn) && string.Equals(other.SessionName, sessionName))
            {
                if (!other.Detached)
                {
                    return XsError.EBUSY;
                }

                conn.AdoptFrom(other);
                server.Disconnect(other);
                conn.SessionName = sessionName;
                reply.AppendAscii("RESUMED");
                reply.Append(0);
                Redeliver(server, conn, unanswered, reply);
                return XsError.None;
            }
        }

        conn.SessionName = sessionName;
        reply.AppendAscii("NEW");
        reply.Append(0);
        return XsError.None;
    }

    private static void Redeliver(XenStoreServer server, XsConnection conn, ReadOnlySpan<byte> ids, ByteBuilder reply)
    {
        while (ids.Length > 0)
        {
            int comma = ids.IndexOf((byte)',');
            ReadOnlySpan<byte> field = comma < 0 ? ids : ids.Slice(0, comma);
            ids = comma < 0 ? default : ids.Slice(comma + 1);
            if (!PayloadFields.TryParseUnsigned(field, out ulong id) || id > uint.MaxValue)
            {
                continue;
            }

            byte[]? cached = conn.CachedReply((uint)id);
            if (cached != null && reply.Length + field.Length + 1 < XsLimits.PayloadMax)
            {
                reply.Append(field);
                reply.Append(0);
                server.DeferRedelivery(cached);
            }
        }
    }

    private static bool Is(ReadOnlySpan<byte> command, string name)
    {
        if (command.Length != name.Length)
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            if (command[i] != name[i])
            {
                return false;
            }
        }

        return true;
    }
}
