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
            return Session(server, conn, argument, reply);
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

    private static XsError Session(XenStoreServer server, XsConnection conn, ReadOnlySpan<byte> name, ByteBuilder reply)
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
                return XsError.None;
            }
        }

        conn.SessionName = sessionName;
        reply.AppendAscii("NEW");
        reply.Append(0);
        return XsError.None;
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
