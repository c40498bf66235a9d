// Why: the live database. Owns the generation counter and the per-domain node counts that the node
// quota is checked against, so every insertion and deletion must go through Put/Delete here.
using Xen.Store.Collections;
using Xen.Store.Permissions;

namespace Xen.Store.Tree;

/// <summary>The committed node table.</summary>
internal sealed class NodeTable
{
    private readonly StringMap<Node> _nodes = new(1024);
    private readonly UIntMap<int> _ownedCounts = new();
    private ulong _generation;

    public NodeTable()
    {
        Node root = new("/", Array.Empty<byte>(), PermissionSet.Dom0Only, new GrowList<string>());
        Put(root);
    }

    public int Count => _nodes.Count;

    public ulong CurrentGeneration => _generation;

    internal StringMap<Node> Map => _nodes;

    public ulong NextGeneration() => ++_generation;

    /// <summary>Restores the counter after loading a snapshot.</summary>
    public void SetGeneration(ulong generation) => _generation = generation;

    public Node? Get(string path) => _nodes.TryGetValue(path, out Node n) ? n : null;

    /// <summary>Generation of the node at <paramref name="path"/>, 0 if it does not exist.</summary>
    public ulong GenerationOf(string path) => _nodes.TryGetValue(path, out Node n) ? n.Generation : 0;

    public int OwnedBy(uint domainId) => _ownedCounts.TryGetValue(domainId, out int c) ? c : 0;

    /// <summary>Inserts or replaces a node, stamping a new generation.</summary>
    public void Put(Node node)
    {
        if (_nodes.TryGetValue(node.Path, out Node old))
        {
            Adjust(old.Permissions.Owner, -1);
        }

        node.Generation = NextGeneration();
        _nodes.Set(node.Path, node);
        Adjust(node.Permissions.Owner, 1);
    }

    /// <summary>Records an in-place change of a live node (value, permissions or children).</summary>
    public void Touch(Node node, uint previousOwner)
    {
        node.Generation = NextGeneration();
        if (previousOwner != node.Permissions.Owner)
        {
            Adjust(previousOwner, -1);
            Adjust(node.Permissions.Owner, 1);
        }
    }

    public void Delete(string path)
    {
        if (_nodes.TryGetValue(path, out Node old))
        {
            Adjust(old.Permissions.Owner, -1);
            _nodes.Remove(path);
        }
    }

    private void Adjust(uint owner, int delta)
    {
        int c = OwnedBy(owner) + delta;
        if (c == 0)
        {
            _ownedCounts.Remove(owner);
        }
        else
        {
            _ownedCounts.Set(owner, c);
        }
    }
}
