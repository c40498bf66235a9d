// Why: restart without loss needs the whole server state as bytes: nodes with permissions (in tree
// order, so child order survives), domains, id counters and connections with their watches and
// session names. Open transactions are not serialised: a host snapshots only when none are open and
// otherwise keeps its request journal (see Xen.Store.Daemon), which reproduces them by replay.
using Xen.Store.Collections;
using Xen.Store.Domains;
using Xen.Store.Paths;
using Xen.Store.Permissions;
using Xen.Store.Processing;
using Xen.Store.Tree;
using Xen.Store.Watches;

namespace Xen.Store.Persistence;

/// <summary>Serialises and restores a <see cref="XenStoreServer"/>.</summary>
public static class StoreSnapshot
{
    private const uint Magic = 0x5853_4e31; // "XSN1"

    /// <summary>True when the state can be snapshotted: no open transaction, no half-received request.</summary>
    public static bool CanSave(XenStoreServer server)
    {
        GrowList<XsConnection> all = server.Connections;
        for (int i = 0; i < all.Count; i++)
        {
            if (all[i].TransactionCount > 0 || all[i].InputLength > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Serialises the state; returns null if <see cref="CanSave"/> is false.</summary>
    public static byte[]? Save(XenStoreServer server)
    {
        if (!CanSave(server))
        {
            return null;
        }

        ByteBuilder b = new(64 * 1024);
        SnapshotWriter.U32(b, Magic);
        SnapshotWriter.U32(b, server.NextConnectionId);
        SnapshotWriter.U32(b, server.NextTransactionId);
        SnapshotWriter.U32(b, (uint)server.Nodes.Count);
        WriteNode(b, server.Nodes, server.Nodes.Get(StorePath.Root)!);

        SnapshotWriter.U32(b, (uint)server.Domains.Count);
        for (int slot = 0; slot < server.Domains.Capacity; slot++)
        {
            if (server.Domains.TryGetSlot(slot, out _, out DomainRecord d))
            {
                SnapshotWriter.U32(b, d.DomainId);
                SnapshotWriter.U64(b, d.Mfn);
                SnapshotWriter.U32(b, d.EventChannel);
                SnapshotWriter.U32(b, d.TargetId);
                SnapshotWriter.U32(b, (d.HasTarget ? 1u : 0) | (d.ShutdownReported ? 2u : 0));
            }
        }

        GrowList<XsConnection> all = server.Connections;
        SnapshotWriter.U32(b, (uint)all.Count);
        for (int i = 0; i < all.Count; i++)
        {
            XsConnection c = all[i];
            SnapshotWriter.U32(b, c.Id);
            SnapshotWriter.U32(b, c.DomainId);
            SnapshotWriter.U32(b, (c.Privileged ? 1u : 0) | (c.IsDomainRing ? 2u : 0) | (c.Detached ? 4u : 0));
            SnapshotWriter.Text(b, c.SessionName ?? string.Empty);
            SnapshotWriter.U32(b, (uint)c.Watches.Count);
            for (int w = 0; w < c.Watches.Count; w++)
            {
                Watch watch = c.Watches[w];
                SnapshotWriter.Text(b, watch.Path);
                SnapshotWriter.Bytes(b, watch.Token);
                SnapshotWriter.U32(b, (uint)watch.RelativePrefix);
            }
        }

        return b.ToArray();
    }

    /// <summary>Replaces the state of <paramref name="server"/>; connections keep their detached flag.</summary>
    public static bool Load(XenStoreServer server, ReadOnlySpan<byte> data)
    {
        SnapshotReader r = new(data);
        if (r.U32() != Magic)
        {
            return false;
        }

        uint nextConnection = r.U32();
        uint nextTransaction = r.U32();
        NodeTable nodes = new();
        uint nodeCount = r.U32();
        for (uint i = 0; i < nodeCount && !r.Bad; i++)
        {
            string path = r.Text();
            byte[] value = r.Bytes();
            uint permCount = r.U32();
            if (permCount == 0 || permCount > 4096)
            {
                return false;
            }

            XsPermission[] perms = new XsPermission[permCount];
            for (uint p = 0; p < permCount; p++)
            {
                perms[p] = new XsPermission(r.U32(), (XsAccess)(r.U32() & 3));
            }

            if (path.Length == 1)
            {
                Node root = nodes.Get(path)!;
                root.Value = value;
                root.Permissions = new PermissionSet(perms);
                continue;
            }

            Node? parent = nodes.Get(StorePath.Parent(path));
            if (parent == null)
            {
                return false;
            }

            parent.Children.Add(StorePath.Name(path));
            nodes.Put(new Node(path, value, new PermissionSet(perms), new GrowList<string>()));
        }

        UIntMap<DomainRecord> domains = new();
        uint domainCount = r.U32();
        for (uint i = 0; i < domainCount && !r.Bad; i++)
        {
            DomainRecord d = new(r.U32(), r.U64(), r.U32());
            d.TargetId = r.U32();
            uint flags = r.U32();
            d.HasTarget = (flags & 1) != 0;
            d.ShutdownReported = (flags & 2) != 0;
            domains.Set(d.DomainId, d);
        }

        if (r.Bad)
        {
            return false;
        }

        server.Reset(nodes, domains);
        server.NextConnectionId = nextConnection;
        server.NextTransactionId = nextTransaction;
        uint connectionCount = r.U32();
        for (uint i = 0; i < connectionCount && !r.Bad; i++)
        {
            uint id = r.U32();
            uint domid = r.U32();
            uint flags = r.U32();
            XsConnection c = new(server, id, domid, (flags & 1) != 0) { IsDomainRing = (flags & 2) != 0, Detached = (flags & 4) != 0 };
            string session = r.Text();
            c.SessionName = session.Length == 0 ? null : session;
            uint watchCount = r.U32();
            for (uint w = 0; w < watchCount && !r.Bad; w++)
            {
                c.Watches.Add(new Watch(c, r.Text(), r.Bytes(), (int)r.U32()));
            }

            server.Add(c);
        }

        return !r.Bad;
    }

    private static void WriteNode(ByteBuilder b, NodeTable table, Node node)
    {
        SnapshotWriter.Text(b, node.Path);
        SnapshotWriter.Bytes(b, node.Value);
        SnapshotWriter.U32(b, (uint)node.Permissions.Count);
        for (int p = 0; p < node.Permissions.Count; p++)
        {
            SnapshotWriter.U32(b, node.Permissions[p].DomainId);
            SnapshotWriter.U32(b, (uint)node.Permissions[p].Access);
        }

        for (int i = 0; i < node.Children.Count; i++)
        {
            Node? child = table.Get(StorePath.Child(node.Path, node.Children[i]));
            if (child != null)
            {
                WriteNode(b, table, child);
            }
        }
    }
}
