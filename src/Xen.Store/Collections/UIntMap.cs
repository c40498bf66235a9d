// Why: domains, per-domain node counts and transactions are keyed by 32-bit ids.
namespace Xen.Store.Collections;

/// <summary>An open-addressing hash map from uint keys to values.</summary>
internal sealed class UIntMap<TValue> : OpenHashMap<uint, TValue, UIntKeyPolicy>
{
    public UIntMap(int capacity = 16) : base(capacity)
    {
    }
}

/// <summary>uint keys. Not nested in the generic map, for the reason given on <see cref="StringKeyPolicy"/>.</summary>
internal struct UIntKeyPolicy : IKeyPolicy<uint>
{
    // A 32-bit finaliser (xorshift-multiply) so sequential ids spread over the table.
    public uint Hash(uint key)
    {
        key ^= key >> 16;
        key *= 0x7feb352d;
        key ^= key >> 15;
        return key;
    }

    public bool Equal(uint a, uint b) => a == b;
}
