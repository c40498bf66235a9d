// Why: one xenstore node. The store is a flat table keyed by full path; each node keeps the names of
// its children so DIRECTORY and recursive RM need no scan. Generation changes on every modification
// and drives transaction conflict detection and DIRECTORY_PART's <gencnt>.
using Xen.Store.Collections;
using Xen.Store.Permissions;

namespace Xen.Store.Tree;

/// <summary>A node: value, permissions, child names and modification generation.</summary>
internal sealed class Node
{
    public Node(string path, byte[] value, PermissionSet permissions, GrowList<string> children)
    {
        Path = path;
        Value = value;
        Permissions = permissions;
        Children = children;
    }

    public string Path { get; }

    public byte[] Value { get; set; }

    public PermissionSet Permissions { get; set; }

    public GrowList<string> Children { get; }

    /// <summary>The store generation at which this node last changed (0 never occurs for a live node).</summary>
    public ulong Generation { get; set; }

    /// <summary>A copy whose child list can change independently (transaction copy-on-write).</summary>
    public Node Clone() => new(Path, Value, Permissions, Children.Clone()) { Generation = Generation };

    public int IndexOfChild(string name)
    {
        for (int i = 0; i < Children.Count; i++)
        {
            if (string.Equals(Children[i], name))
            {
                return i;
            }
        }

        return -1;
    }
}
