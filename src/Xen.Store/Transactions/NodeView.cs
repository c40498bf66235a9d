// Why: every tree operation is written once and runs either on the live table or inside a transaction.
// This view hides the difference: in a transaction reads record the generation they saw and writes
// copy the node into the overlay first (copy-on-write), so the live table is untouched until commit.
using Xen.Store.Tree;

namespace Xen.Store.Transactions;

/// <summary>The live table, optionally seen through a transaction.</summary>
internal readonly struct NodeView
{
    private readonly NodeTable _live;
    private readonly Transaction? _tx;

    public NodeView(NodeTable live, Transaction? tx)
    {
        _live = live;
        _tx = tx;
    }

    public Node? Get(string path)
    {
        if (_tx == null)
        {
            return _live.Get(path);
        }

        if (_tx.Overlay.TryGetValue(path, out Node? mine))
        {
            return mine;
        }

        Node? node = _live.Get(path);
        if (!_tx.BaseGenerations.ContainsKey(path))
        {
            _tx.BaseGenerations.Set(path, node == null ? 0 : node.Generation);
        }

        return node;
    }

    /// <summary>A node the caller may change; it must call <see cref="Changed"/> afterwards.</summary>
    public Node? GetMutable(string path)
    {
        Node? node = Get(path);
        if (_tx == null || node == null || IsOverlayCopy(path, node))
        {
            return node;
        }

        Node copy = node.Clone();
        _tx.Overlay.Set(path, copy);
        return copy;
    }

    /// <summary>Records an in-place change made to a node obtained from <see cref="GetMutable"/>.</summary>
    public void Changed(Node node, uint previousOwner)
    {
        if (_tx == null)
        {
            _live.Touch(node, previousOwner);
        }
        else if (previousOwner != node.Permissions.Owner)
        {
            _tx.AddDelta(previousOwner, -1);
            _tx.AddDelta(node.Permissions.Owner, 1);
        }
    }

    public void Insert(Node node)
    {
        if (_tx == null)
        {
            _live.Put(node);
            return;
        }

        Get(node.Path); // records the base generation (absent) for conflict detection
        _tx.Overlay.Set(node.Path, node);
        _tx.AddDelta(node.Permissions.Owner, 1);
    }

    public void Remove(Node node)
    {
        if (_tx == null)
        {
            _live.Delete(node.Path);
            return;
        }

        _tx.Overlay.Set(node.Path, null);
        _tx.AddDelta(node.Permissions.Owner, -1);
    }

    public int OwnedBy(uint owner) => _live.OwnedBy(owner) + (_tx == null ? 0 : _tx.DeltaFor(owner));

    private bool IsOverlayCopy(string path, Node node) =>
        _tx!.Overlay.TryGetValue(path, out Node? mine) && ReferenceEquals(mine, node);
}
