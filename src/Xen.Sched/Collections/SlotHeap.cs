// Why this file exists: the priority queue behind every policy's runqueue. Xen keeps runqueues as sorted
// linked lists (O(n) insert); a binary heap gives O(log n) insert/remove/top, which is what keeps decision
// cost logarithmic in the number of vCPUs. Items are small integer slots (policy vCPU indices) so removal of
// an arbitrary item is O(log n) via a position index. Arrays grow only in EnsureCapacity, called at insert
// time, never on the scheduling path.
namespace Xen.Sched.Collections;

/// <summary>An indexed max-heap of slots keyed by <see cref="long"/>; ties go to the lower slot number.</summary>
internal sealed class SlotHeap
{
    // Heap array entries carry their key, so sifting touches one array (plus positions), not three.
    private Entry[] _items;
    private int[] _position;
    private long[] _keys;

    /// <summary>Creates a heap able to hold slots 0..capacity-1.</summary>
    /// <param name="capacity">Initial slot capacity.</param>
    public SlotHeap(int capacity)
    {
        if (capacity < 4)
        {
            capacity = 4;
        }

        _items = new Entry[capacity];
        _position = new int[capacity];
        _keys = new long[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _position[i] = -1;
        }
    }

    /// <summary>Number of slots in the heap.</summary>
    public int Count { get; private set; }

    /// <summary>Grows the arrays so slots below <paramref name="slots"/> fit. Allocates; call at insert time only.</summary>
    /// <param name="slots">Required slot capacity.</param>
    public void EnsureCapacity(int slots)
    {
        if (slots <= _position.Length)
        {
            return;
        }

        int n = _position.Length;
        while (n < slots)
        {
            n *= 2;
        }

        Entry[] items = new Entry[n];
        int[] position = new int[n];
        long[] keys = new long[n];
        for (int i = 0; i < n; i++)
        {
            position[i] = i < _position.Length ? _position[i] : -1;
            if (i < _position.Length)
            {
                items[i] = _items[i];
                keys[i] = _keys[i];
            }
        }

        _items = items;
        _position = position;
        _keys = keys;
    }

    /// <summary>True when <paramref name="slot"/> is queued.</summary>
    /// <param name="slot">Slot.</param>
    /// <returns>Membership.</returns>
    public bool Contains(int slot) => (uint)slot < (uint)_position.Length && _position[slot] >= 0;

    /// <summary>Key of a queued slot.</summary>
    /// <param name="slot">Slot.</param>
    /// <returns>Key.</returns>
    public long KeyOf(int slot) => _keys[slot];

    /// <summary>Highest-keyed slot, or -1 when empty.</summary>
    public int Top => Count > 0 ? _items[0].Slot : -1;

    /// <summary>The slot stored at heap index <paramref name="index"/> (0..Count-1), for bounded scans.</summary>
    /// <param name="index">Heap array index.</param>
    /// <returns>Slot.</returns>
    public int ItemAt(int index) => _items[index].Slot;

    /// <summary>Inserts a slot; if already queued its key is updated.</summary>
    /// <param name="slot">Slot (below the ensured capacity).</param>
    /// <param name="key">Priority; larger comes first.</param>
    public void Push(int slot, long key)
    {
        if (_position[slot] >= 0)
        {
            Update(slot, key);
            return;
        }

        _keys[slot] = key;
        int i = Count++;
        _items[i] = new Entry(key, slot);
        _position[slot] = i;
        SiftUp(i);
    }

    /// <summary>Removes and returns the top slot, or -1 when empty.</summary>
    /// <returns>Slot or -1.</returns>
    public int Pop()
    {
        if (Count == 0)
        {
            return -1;
        }

        int top = _items[0].Slot;
        RemoveAt(0);
        return top;
    }

    /// <summary>Removes a slot if queued.</summary>
    /// <param name="slot">Slot.</param>
    /// <returns>True if it was queued.</returns>
    public bool Remove(int slot)
    {
        if (!Contains(slot))
        {
            return false;
        }

        RemoveAt(_position[slot]);
        return true;
    }

    /// <summary>Changes the key of a queued slot.</summary>
    /// <param name="slot">Slot.</param>
    /// <param name="key">New key.</param>
    public void Update(int slot, long key)
    {
        int i = _position[slot];
        if (i < 0)
        {
            return;
        }

        long old = _keys[slot];
        _keys[slot] = key;
        _items[i] = new Entry(key, slot);
        if (key > old)
        {
            SiftUp(i);
        }
        else
        {
            SiftDown(i);
        }
    }

    private void RemoveAt(int i)
    {
        int slot = _items[i].Slot;
        _position[slot] = -1;
        Count--;
        if (i == Count)
        {
            return;
        }

        Entry last = _items[Count];
        _items[i] = last;
        _position[last.Slot] = i;
        SiftUp(i);
        SiftDown(_position[last.Slot]);
    }

    private static bool Before(in Entry a, in Entry b) => a.Key > b.Key || (a.Key == b.Key && a.Slot < b.Slot);

    private void SiftUp(int i)
    {
        Entry e = _items[i];
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Before(e, _items[parent]))
            {
                break;
            }

            _items[i] = _items[parent];
            _position[_items[i].Slot] = i;
            i = parent;
        }

        _items[i] = e;
        _position[e.Slot] = i;
    }

    private void SiftDown(int i)
    {
        Entry e = _items[i];
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= Count)
            {
                break;
            }

            int best = left;
            int right = left + 1;
            if (right < Count && Before(_items[right], _items[left]))
            {
                best = right;
            }

            if (!Before(_items[best], e))
            {
                break;
            }

            _items[i] = _items[best];
            _position[_items[i].Slot] = i;
            i = best;
        }

        _items[i] = e;
        _position[e.Slot] = i;
    }

    private readonly struct Entry
    {
        public Entry(long key, int slot)
        {
            Key = key;
            Slot = slot;
        }

        public long Key { get; }

        public int Slot { get; }
    }
}
