// Why: paths are the keys of the node table, transaction overlays and watch lookups. Hashing is FNV-1a over
// the UTF-16 code units with ordinal equality, independent of runtime hash randomisation.
namespace Xen.Store.Collections;

/// <summary>An open-addressing hash map from ordinal strings to values.</summary>
internal sealed class StringMap<TValue> : OpenHashMap<string, TValue, StringKeyPolicy>
{
    public StringMap(int capacity = 16) : base(capacity)
    {
    }

    /// <summary>FNV-1a over the UTF-16 code units.</summary>
    public static uint Hash(string key) => StringKeyPolicy.Fnv1a(key);
}

/// <summary>Ordinal string keys. Not nested in the generic map: a policy that is itself generic over a shared
/// (reference) value type needs a runtime generic lookup for every call, which images cannot do yet.</summary>
internal struct StringKeyPolicy : IKeyPolicy<string>
{
    /// <summary>FNV-1a over the UTF-16 code units.</summary>
    public static uint Fnv1a(string key)
    {
        uint h = 2166136261;
        for (int i = 0; i < key.Length; i++)
        {
            h = (h ^ key[i]) * 16777619;
        }

        return h;
    }

    public uint Hash(string key) => Fnv1a(key);

    public bool Equal(string a, string b) => string.Equals(a, b);
}
