// Why: a transaction is a private overlay of copied nodes plus the generation of every path it looked
// at. Commit succeeds only if none of those paths changed since (docs/misc/xenstore.txt: "if there
// were any other intervening writes then our END gets EAGAIN"; we implement the planned refinement
// where only conflicting writes — to paths this transaction read or wrote — cause EAGAIN).
using Xen.Store.Collections;
using Xen.Store.Tree;

namespace Xen.Store.Transactions;

/// <summary>An open transaction: overlay, read set and the changes to announce on commit.</summary>
internal sealed class Transaction
{
    public Transaction(uint id) => Id = id;

    public uint Id { get; }

    /// <summary>Copied or created nodes; a null value marks a deletion.</summary>
    public StringMap<Node?> Overlay { get; } = new();

    /// <summary>Generation of every path seen, as first seen (0 = absent).</summary>
    public StringMap<ulong> BaseGenerations { get; } = new();

    /// <summary>Modified paths in order, for watch events on commit; true = recursive removal.</summary>
    public GrowList<string> ChangedPaths { get; } = new();

    public GrowList<bool> ChangedRecursive { get; } = new();

    /// <summary>Nodes created minus nodes deleted per owner, for quota checks before commit.</summary>
    public UIntMap<int> OwnedDelta { get; } = new();

    public void NoteChange(string path, bool recursive)
    {
        ChangedPaths.Add(path);
        ChangedRecursive.Add(recursive);
    }

    public int DeltaFor(uint owner) => OwnedDelta.TryGetValue(owner, out int d) ? d : 0;

    public void AddDelta(uint owner, int delta) => OwnedDelta.Set(owner, DeltaFor(owner) + delta);

    /// <summary>True if no path this transaction saw has changed in <paramref name="live"/>.</summary>
    public bool CanCommit(NodeTable live)
    {
        for (int slot = 0; slot < BaseGenerations.Capacity; slot++)
        {
            if (BaseGenerations.TryGetSlot(slot, out string path, out ulong generation)
                && live.GenerationOf(path) != generation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Applies the overlay to the live table; call only after <see cref="CanCommit"/>.</summary>
    public void Apply(NodeTable live)
    {
        for (int slot = 0; slot < Overlay.Capacity; slot++)
        {
            if (!Overlay.TryGetSlot(slot, out string path, out Node? node))
            {
                continue;
            }

            if (node == null)
            {
                live.Delete(path);
            }
            else
            {
                live.Put(node);
            }
        }
    }
}
