// Why: the core cannot use Dictionary (no System.Collections.Generic bare-metal), and it needs maps keyed by
// strings (paths) and by 32-bit ids (domains, transactions). One open-addressing map with linear probing and
// tombstone deletion serves both; the key's hash and equality come from a struct policy, so every call is
// a direct (constrained) call — no interface dispatch, no boxing — in hosted and image builds alike.
namespace Xen.Store.Collections;

/// <summary>Hash and equality for one key type.</summary>
internal interface IKeyPolicy<TKey>
{
    uint Hash(TKey key);

    bool Equal(TKey a, TKey b);
}

/// <summary>An open-addressing hash map with tombstone deletion; iterate slots 0..Capacity-1 with
/// <see cref="TryGetSlot"/>. TPolicy must be a struct (it is used as default(TPolicy)); the constraint is not
/// spelled out because ilc 10 then needs Internal.Runtime.MethodTable, which the image corelib does not have.</summary>
internal class OpenHashMap<TKey, TValue, TPolicy> where TPolicy : IKeyPolicy<TKey>
{
    private const byte Empty = 0, Used = 1, Deleted = 2;

    private TKey[] _keys;
    private TValue[] _values;
    private byte[] _state;
    private int _count;
    private int _used; // used + deleted slots: what limits probe lengths

    public OpenHashMap(int capacity)
    {
        int size = 16;
        while (size < capacity * 2)
        {
            size *= 2;
        }

        _keys = new TKey[size];
        _values = new TValue[size];
        _state = new byte[size];
    }

    public int Count => _count;

    /// <summary>The slot capacity.</summary>
    public int Capacity => _keys.Length;

    public bool TryGetValue(TKey key, out TValue value)
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

    public bool ContainsKey(TKey key) => Find(key) >= 0;

    public void Set(TKey key, TValue value)
    {
        int slot = Find(key);
        if (slot >= 0)
        {
            _values[slot] = value;
            return;
        }

        // Keep used + deleted under 3/4; grow only when live entries need it, else rehash in place size.
        if ((_used + 1) * 4 >= _keys.Length * 3)
        {
            Resize(_count * 2 >= _keys.Length / 2 ? _keys.Length * 2 : _keys.Length);
        }

        int mask = _keys.Length - 1;
        int i = (int)(default(TPolicy)!.Hash(key) & (uint)mask);
        while (_state[i] == Used)
        {
            i = (i + 1) & mask;
        }

        if (_state[i] == Empty)
        {
            _used++;
        }

        _state[i] = Used;
        _keys[i] = key;
        _values[i] = value;
        _count++;
    }

    public bool Remove(TKey key)
    {
        int slot = Find(key);
        if (slot < 0)
        {
            return false;
        }

        _state[slot] = Deleted;
        _keys[slot] = default!;
        _values[slot] = default!;
        _count--;
        return true;
    }

    public bool TryGetSlot(int slot, out TKey key, out TValue value)
    {
        if (_state[slot] != Used)
        {
            key = default!;
            value = default!;
            return false;
        }

        key = _keys[slot];
        value = _values[slot];
        return true;
    }

    public void Clear()
    {
        Array.Clear(_keys);
        Array.Clear(_values);
        Array.Clear(_state);
        _count = 0;
        _used = 0;
    }

    private int Find(TKey key)
    {
        int mask = _keys.Length - 1;
        int i = (int)(default(TPolicy)!.Hash(key) & (uint)mask);
        while (_state[i] != Empty)
        {
            if (_state[i] == Used && default(TPolicy)!.Equal(_keys[i], key))
            {
                return i;
            }

            i = (i + 1) & mask;
        }

        return -1;
    }

    private void Resize(int size)
    {
        TKey[] oldKeys = _keys;
        TValue[] oldValues = _values;
        byte[] oldState = _state;
        _keys = new TKey[size];
        _values = new TValue[size];
        _state = new byte[size];
        _count = 0;
        _used = 0;
        for (int i = 0; i < oldKeys.Length; i++)
        {
            if (oldState[i] == Used)
            {
                Set(oldKeys[i], oldValues[i]);
            }
        }
    }
}
