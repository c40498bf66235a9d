// Why: matching changes against watches and building WATCH_EVENT messages (docs/misc/xenstore.txt):
// an event on P reaches watch W if P is W or below it; a recursive removal of P also reaches every
// watch below P, reported as W's own path. "@" watches match only the special events xenstored
// invents. Watchers that may not read the node are skipped (the spec allows it and it avoids leaks).
using Xen.Store.Collections;
using Xen.Store.Paths;
using Xen.Store.Permissions;
using Xen.Store.Processing;
using Xen.Store.Tree;
using Xen.Store.Wire;

namespace Xen.Store.Watches;

/// <summary>Delivers watch events to matching watches of all connections.</summary>
internal static class WatchEvents
{
    public static void Fire(GrowList<XsConnection> connections, NodeTable nodes, string path, bool recursive)
    {
        bool special = path[0] == '@';
        for (int c = 0; c < connections.Count; c++)
        {
            XsConnection conn = connections[c];
            if (conn.IsClosed)
            {
                continue;
            }

            GrowList<Watch> watches = conn.Watches;
            for (int i = 0; i < watches.Count; i++)
            {
                Watch w = watches[i];
                string eventPath;
                if (special || w.IsSpecial)
                {
                    if (!special || !w.IsSpecial || !string.Equals(w.Path, path))
                    {
                        continue;
                    }

                    eventPath = path;
                }
                else if (StorePath.IsWithin(path, w.Path))
                {
                    eventPath = path;
                }
                else if (recursive && StorePath.IsWithin(w.Path, path))
                {
                    eventPath = w.Path;
                }
                else
                {
                    continue;
                }

                if (!special && !conn.Caller.Can(NearestPermissions(nodes, eventPath), XsAccess.Read))
                {
                    continue;
                }

                conn.EnqueueWatchEvent(Build(w, eventPath));
            }
        }
    }

    /// <summary>Builds the event a watch gets when it is first set up (path = its own path).</summary>
    public static byte[] Build(Watch w, string eventPath)
    {
        int skip = w.RelativePrefix > 0 && eventPath.Length > w.RelativePrefix ? w.RelativePrefix : 0;
        int pathLength = eventPath.Length - skip;
        byte[] message = new byte[XsLimits.HeaderSize + pathLength + 1 + w.Token.Length + 1];
        new XsHeader((uint)XsMessageType.WatchEvent, 0, 0, (uint)(message.Length - XsLimits.HeaderSize)).Write(message);
        int o = XsLimits.HeaderSize;
        for (int i = skip; i < eventPath.Length; i++)
        {
            message[o++] = (byte)eventPath[i];
        }

        message[o++] = 0;
        new ReadOnlySpan<byte>(w.Token).CopyTo(new Span<byte>(message, o, w.Token.Length));
        message[message.Length - 1] = 0;
        return message;
    }

    private static PermissionSet NearestPermissions(NodeTable nodes, string path)
    {
        Node? node = nodes.Get(path);
        while (node == null)
        {
            path = StorePath.Parent(path);
            node = nodes.Get(path);
        }

        return node.Permissions;
    }
}
