// Why: paths are the keys of the node table, transaction overlays and watch lookups. Hashing is FNV-1a over
// the UTF-16 code units with ordinal equality, independent of runtime hash randomisation.
namespace Xen.Store.Collections;

/// <summary>An open-addressing hash map from ordinal strings to values.</summary>
internal sealed class StringMap<TValue> : OpenHashMap<string, TValue, StringMap<TValue>.Policy>
{
    public StringMap(int capacity = 16) : base(capacity)
    {
    }

    /// <summary>FNV-1a over the UTF-16 code units.</summary>
    public static uint Hash(string key)
    {
        uint h = 2166136261;
        for (int i = 0; i < key.Length; i++)
        {
            h = (h ^ key[i]) * 16777619;
        }

        return h;
    }

    internal struct Policy : IKeyPolicy<string>
    {
        public uint Hash(string key) => StringMap<TValue>.Hash(key);

        public bool Equal(string a, string b) => string.Equals(a, b);
    }
}
