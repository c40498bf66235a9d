// Why: paths are the keys of the node table, transaction overlays and watch lookups; the core cannot
// use Dictionary (no System.Collections.Generic bare-metal), so this is a small open-addressing map
// with its own hash (FNV-1a over the UTF-16 code units), independent of runtime hash randomisation.
namespace Xen.Store.Collections;

/// <summary>An open-addressing hash map from ordinal strings to values, with tombstone deletion.</summary>
internal sealed class StringMap<TValue>
{
    private string?[] _keys;
    private TValue[] _values;
    private bool[] _deleted;
    private int _count;
    private int _used;

    public StringMap(int capacity = 16)
    {
        int size = 16;
        while (size < capacity * 2)
        {
            size *= 2;
        }

        _keys = new string?[size];
        _values = new TValue[size];
        _deleted = new bool[size];
    }

    public int Count => _count;

    /// <summary>The slot capacity; iterate slots 0..Capacity-1 with <see cref="TryGetSlot"/>.</summary>
    public int Capacity => _keys.Length;

    public static uint Hash(string key)
    {
        uint h = 2166136261;
        for (int i = 0; i < key.Length; i++)
        {
            h = (h ^ key[i]) * 16777619;
        }

        return h;
    }

    public bool TryGetValue(string key, out TValue value)
    {
        int slot = Find(key);
        if (slot >= 0)
        {
            value = _values[slot];
            return true;
        }

        value = default!;
        return false;
    }

    public bool ContainsKey(string key) => Find(key) >= 0;

    public void Set(string key, TValue value)
    {
        int slot = Find(key);
        if (slot >= 0)
        {
            _values[slot] = value;
            return;
        }

        if ((_used + 1) * 4 >= _keys.Length * 3)
        {
            Resize(_count * 2 >= _keys.Length / 2 ? _keys.Length * 2 : _keys.Length);
        }

        int mask = _keys.Length - 1;
        int i = (int)(Hash(key) & (uint)mask);
        while (_keys[i] != null)
        {
            i = (i + 1) & mask;
        }

        if (!_deleted[i])
        {
            _used++;
        }

        _deleted[i] = false;
        _keys[i] = key;
        _values[i] = value;
        _count++;
    }

    public bool Remove(string key)
    {
        int slot = Find(key);
        if (slot < 0)
        {
            return false;
        }

        _keys[slot] = null;
        _values[slot] = default!;
        _deleted[slot] = true;
        _count--;
        return true;
    }

    public bool TryGetSlot(int slot, out string key, out TValue value)
    {
        string? k = _keys[slot];
        if (k == null)
        {
            key = string.Empty;
            value = default!;
            return false;
        }

        key = k;
        value = _values[slot];
        return true;
    }

    public void Clear()
    {
        Array.Clear(_keys);
        Array.Clear(_values);
        Array.Clear(_deleted);
        _count = 0;
        _used = 0;
    }

    private int Find(string key)
    {
        int mask = _keys.Length - 1;
        int i = (int)(Hash(key) & (uint)mask);
        while (true)
        {
            string? k = _keys[i];
            if (k == null)
            {
                if (!_deleted[i])
                {
                    return -1;
                }
            }
            else if (k.Length == key.Length && string.Equals(k, key))
            {
                return i;
            }

            i = (i + 1) & mask;
        }
    }

    private void Resize(int size)
    {
        string?[] oldKeys = _keys;
        TValue[] oldValues = _values;
        _keys = new string?[size];
        _values = new TValue[size];
        _deleted = new bool[size];
        _count = 0;
        _used = 0;
        for (int i = 0; i < oldKeys.Length; i++)
        {
            string? k = oldKeys[i];
            if (k != null)
            {
                Set(k, oldValues[i]);
            }
        }
    }
}
