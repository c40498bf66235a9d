// Why: the semantics of the database requests (docs/misc/xenstore.txt "Database read, write and
// permissions operations"), written once against NodeView so they work live and in transactions.
// Access rules follow C xenstored: reading needs r, changing a node needs w, creating needs w on the
// nearest existing ancestor, new nodes inherit the parent's permissions (a guest owns what it creates).
using Xen.Store.Collections;
using Xen.Store.Paths;
using Xen.Store.Permissions;
using Xen.Store.Transactions;
using Xen.Store.Wire;

namespace Xen.Store.Tree;

/// <summary>READ, WRITE, MKDIR, RM, DIRECTORY, DIRECTORY_PART, GET_PERMS and SET_PERMS.</summary>
internal static class TreeOperations
{
    public static XsError Read(NodeView view, Caller caller, string path, ByteBuilder reply)
    {
        XsError e = Readable(view, caller, path, out Node? node);
        if (e == XsError.None)
        {
            reply.Append(node!.Value);
        }

        return e;
    }

    public static XsError Write(NodeView view, Caller caller, StoreQuotas quotas, string path, ReadOnlySpan<byte> value)
    {
        if (!caller.Privileged && value.Length > quotas.MaxEntrySize)
        {
            return XsError.ENOSPC;
        }

        Node? node = view.Get(path);
        if (node == null)
        {
            return Create(view, caller, quotas, path, value.ToArray());
        }

        if (!caller.Can(node.Permissions, XsAccess.Write))
        {
            return XsError.EACCES;
        }

        Node mutable = view.GetMutable(path)!;
        mutable.Value = value.ToArray();
        view.Changed(mutable, mutable.Permissions.Owner);
        return XsError.None;
    }

    /// <summary>MKDIR; <paramref name="created"/> tells whether anything changed (and needs an event).</summary>
    public static XsError Mkdir(NodeView view, Caller caller, StoreQuotas quotas, string path, out bool created)
    {
        created = false;
        if (view.Get(path) != null)
        {
            return XsError.None;
        }

        XsError e = Create(view, caller, quotas, path, Array.Empty<byte>());
        created = e == XsError.None;
        return e;
    }

    /// <summary>RM: deletes a subtree; absent is fine if the parent exists (docs/misc/xenstore.txt).</summary>
    public static XsError Rm(NodeView view, Caller caller, string path, out bool removed)
    {
        removed = false;
        if (path.Length == 1)
        {
            return XsError.EINVAL; // the root cannot be removed
        }

        Node? node = view.Get(path);
        if (node == null)
        {
            return view.Get(StorePath.Parent(path)) == null ? XsError.ENOENT : XsError.None;
        }

        if (!caller.Can(node.Permissions, XsAccess.Write))
        {
            return XsError.EACCES;
        }

        RemoveSubtree(view, node);
        Node parent = view.GetMutable(StorePath.Parent(path))!;
        int index = parent.IndexOfChild(StorePath.Name(path));
        if (index >= 0)
        {
            parent.Children.RemoveAt(index);
        }

        view.Changed(parent, parent.Permissions.Owner);
        removed = true;
        return XsError.None;
    }

    public static XsError Directory(NodeView view, Caller caller, string path, ByteBuilder reply)
    {
        XsError e = Readable(view, caller, path, out Node? node);
        if (e != XsError.None)
        {
            return e;
        }

        GrowList<string> children = node!.Children;
        for (int i = 0; i < children.Count; i++)
        {
            reply.AppendAscii(children[i]);
            reply.Append(0);
        }

        return reply.Length > XsLimits.PayloadMax ? XsError.E2BIG : XsError.None;
    }

    /// <summary>
    /// DIRECTORY_PART: "&lt;gencnt&gt;\0" then the children from byte <paramref name="offset"/> of the
    /// full "name\0name\0..." list, as many whole names as fit; an extra NUL marks the end of the list.
    /// </summary>
    public static XsError DirectoryPart(NodeView view, Caller caller, string path, ulong offset, ByteBuilder reply)
    {
        XsError e = Readable(view, caller, path, out Node? node);
        if (e != XsError.None)
        {
            return e;
        }

        reply.AppendDecimal(node!.Generation);
        reply.Append(0);
        GrowList<string> children = node.Children;
        ulong position = 0;
        int i = 0;
        while (i < children.Count && position < offset)
        {
            position += (ulong)children[i].Length + 1;
            i++;
        }

        if (position != offset)
        {
            return XsError.EINVAL; // offset is not at a name boundary
        }

        for (; i < children.Count; i++)
        {
            if (reply.Length + children[i].Length + 2 > XsLimits.PayloadMax)
            {
                return XsError.None;
            }

            reply.AppendAscii(children[i]);
            reply.Append(0);
        }

        reply.Append(0);
        return XsError.None;
    }

    public static XsError GetPerms(NodeView view, Caller caller, string path, ByteBuilder reply)
    {
        XsError e = Readable(view, caller, path, out Node? node);
        if (e == XsError.None)
        {
            node!.Permissions.AppendTo(reply);
        }

        return e;
    }

    public static XsError SetPerms(NodeView view, Caller caller, StoreQuotas quotas, string path, PermissionSet perms)
    {
        Node? node = view.Get(path);
        if (node == null)
        {
            return XsError.ENOENT;
        }

        if (!caller.Owns(node.Permissions) || !caller.Can(node.Permissions, XsAccess.Write))
        {
            return XsError.EACCES;
        }

        // Handing a node to another domain charges that domain's quota.
        if (!caller.Privileged && perms.Owner != node.Permissions.Owner
            && view.OwnedBy(perms.Owner) >= quotas.NodesPerDomain)
        {
            return XsError.ENOSPC;
        }

        Node mutable = view.GetMutable(path)!;
        uint previousOwner = mutable.Permissions.Owner;
        mutable.Permissions = perms;
        view.Changed(mutable, previousOwner);
        return XsError.None;
    }

    private static XsError Readable(NodeView view, Caller caller, string path, out Node? node)
    {
        node = view.Get(path);
        if (node == null)
        {
            return XsError.ENOENT;
        }

        return caller.Can(node.Permissions, XsAccess.Read) ? XsError.None : XsError.EACCES;
    }

    private static XsError Create(NodeView view, Caller caller, StoreQuotas quotas, string path, byte[] value)
    {
        // Find the nearest existing ancestor and count the nodes to create.
        string ancestor = StorePath.Parent(path);
        int missing = 1;
        Node? parent = view.Get(ancestor);
        while (parent == null)
        {
            ancestor = StorePath.Parent(ancestor);
            missing++;
            parent = view.Get(ancestor);
        }

        if (!caller.Can(parent.Permissions, XsAccess.Write))
        {
            return XsError.EACCES;
        }

        if (!caller.Privileged && view.OwnedBy(caller.DomainId) + missing > quotas.NodesPerDomain)
        {
            return XsError.ENOSPC;
        }

        // C xenstored's rule: new nodes inherit the parent's permissions, except that unprivileged
        // domains own what they create.
        PermissionSet perms = caller.Privileged ? parent.Permissions : parent.Permissions.WithOwner(caller.DomainId);
        string current = ancestor;
        while (true)
        {
            int next = StorePath.NextSlash(path, current.Length == 1 ? 1 : current.Length + 1);
            string childPath = next < 0 ? path : path.Substring(0, next);
            Node mutableParent = view.GetMutable(current)!;
            mutableParent.Children.Add(StorePath.Name(childPath));
            view.Changed(mutableParent, mutableParent.Permissions.Owner);
            bool last = next < 0;
            view.Insert(new Node(childPath, last ? value : Array.Empty<byte>(), perms, new GrowList<string>()));
            if (last)
            {
                return XsError.None;
            }

            current = childPath;
        }
    }

    private static void RemoveSubtree(NodeView view, Node node)
    {
        GrowList<string> children = node.Children;
        for (int i = 0; i < children.Count; i++)
        {
            Node? child = view.Get(StorePath.Child(node.Path, children[i]));
            if (child != null)
            {
                RemoveSubtree(view, child);
            }
        }

        view.Remove(node);
    }
}
