// Why: domains, per-domain node counts and transactions are keyed by 32-bit ids; like StringMap this
// replaces Dictionary so the core compiles against the bare-metal corelib.
namespace Xen.Store.Collections;

/// <summary>An open-addressing hash map from uint keys to values, with tombstone deletion.</summary>
internal sealed class UIntMap<TValue>
{
    private uint[] _keys;
    private TValue[] _values;
    private byte[] _state; // 0 empty, 1 used, 2 deleted
    private int _count;
    private int _used;

    public UIntMap(int capacity = 16)
    {
        int size = 16;
        while (size < capacity * 2)
        {
            size *= 2;
        }

        _keys = new uint[size];
        _values = new TValue[size];
        _state = new byte[size];
    }

    public int Count => _count;

    public int Capacity => _keys.Length;

    public bool TryGetValue(uint key, out TValue value)
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

    public bool ContainsKey(uint key) => Find(key) >= 0;

    public void Set(uint key, TValue value)
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
        int i = (int)(Mix(key) & (uint)mask);
        while (_state[i] == 1)
        {
            i = (i + 1) & mask;
        }

        if (_state[i] == 0)
        {
            _used++;
        }

        _state[i] = 1;
        _keys[i] = key;
        _values[i] = value;
        _count++;
    }

    public bool Remove(uint key)
    {
        int slot = Find(key);
        if (slot < 0)
        {
            return false;
        }

        _state[slot] = 2;
        _values[slot] = default!;
        _count--;
        return true;
    }

    public bool TryGetSlot(int slot, out uint key, out TValue value)
    {
        if (_state[slot] != 1)
        {
            key = 0;
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

    private static uint Mix(uint key)
    {
        key ^= key >> 16;
        key *= 0x7feb352d;
        key ^= key >> 15;
        return key;
    }

    private int Find(uint key)
    {
        int mask = _keys.Length - 1;
        int i = (int)(Mix(key) & (uint)mask);
        while (_state[i] != 0)
        {
            if (_state[i] == 1 && _keys[i] == key)
            {
                return i;
            }

            i = (i + 1) & mask;
        }

        return -1;
    }

    private void Resize(int size)
    {
        uint[] oldKeys = _keys;
        TValue[] oldValues = _values;
        byte[] oldState = _state;
        _keys = new uint[size];
        _values = new TValue[size];
        _state = new byte[size];
        _count = 0;
        _used = 0;
        for (int i = 0; i < oldKeys.Length; i++)
        {
            if (oldState[i] == 1)
            {
                Set(oldKeys[i], oldValues[i]);
            }
        }
    }
}
