// Why this file exists: intrusive FIFO lists of slots (Xen's list_head runqueues) for policies whose queues
// are ordered by arrival within a priority class (credit's per-CPU runqueues, null's wait queue).
// One SlotList object can hold many lists (one head per list) sharing the link arrays; O(1) everything.
namespace Xen.Sched.Collections;

/// <summary>A set of doubly-linked FIFO lists over integer slots; a slot is in at most one list.</summary>
internal sealed class SlotList
{
    private int[] _next;
    private int[] _prev;
    private int[] _owner;
    private readonly int[] _head;
    private readonly int[] _tail;
    private readonly int[] _count;

    /// <summary>Creates <paramref name="lists"/> empty lists over slots 0..capacity-1.</summary>
    /// <param name="lists">Number of list heads.</param>
    /// <param name="capacity">Initial slot capacity.</param>
    public SlotList(int lists, int capacity)
    {
        _head = new int[lists];
        _tail = new int[lists];
        _count = new int[lists];
        for (int i = 0; i < lists; i++)
        {
            _head[i] = -1;
            _tail[i] = -1;
        }

        _next = new int[0];
        _prev = new int[0];
        _owner = new int[0];
        EnsureCapacity(capacity < 4 ? 4 : capacity);
    }

    /// <summary>Grows the link arrays. Allocates; call at insert time only.</summary>
    /// <param name="slots">Required slot capacity.</param>
    public void EnsureCapacity(int slots)
    {
        if (slots <= _owner.Length)
        {
            return;
        }

        int n = _owner.Length == 0 ? 4 : _owner.Length;
        while (n < slots)
        {
            n *= 2;
        }

        int[] next = new int[n];
        int[] prev = new int[n];
        int[] owner = new int[n];
        for (int i = 0; i < n; i++)
        {
            bool old = i < _owner.Length;
            next[i] = old ? _next[i] : -1;
            prev[i] = old ? _prev[i] : -1;
            owner[i] = old ? _owner[i] : -1;
        }

        _next = next;
        _prev = prev;
        _owner = owner;
    }

    /// <summary>List holding the slot, or -1.</summary>
    /// <param name="slot">Slot.</param>
    /// <returns>List index or -1.</returns>
    public int ListOf(int slot) => _owner[slot];

    /// <summary>First slot of a list, or -1.</summary>
    /// <param name="list">List index.</param>
    /// <returns>Slot or -1.</returns>
    public int First(int list) => _head[list];

    /// <summary>Slot after <paramref name="slot"/> in its list, or -1.</summary>
    /// <param name="slot">Slot.</param>
    /// <returns>Slot or -1.</returns>
    public int Next(int slot) => _next[slot];

    /// <summary>Number of slots in a list.</summary>
    /// <param name="list">List index.</param>
    /// <returns>Count.</returns>
    public int Count(int list) => _count[list];

    /// <summary>Appends a slot (removing it from any list first).</summary>
    /// <param name="list">List index.</param>
    /// <param name="slot">Slot.</param>
    public void AddTail(int list, int slot)
    {
        Remove(slot);
        _owner[slot] = list;
        _next[slot] = -1;
        _prev[slot] = _tail[list];
        if (_tail[list] >= 0)
        {
            _next[_tail[list]] = slot;
        }
        else
        {
            _head[list] = slot;
        }

        _tail[list] = slot;
        _count[list]++;
    }

    /// <summary>Removes a slot from its list, if any.</summary>
    /// <param name="slot">Slot.</param>
    public void Remove(int slot)
    {
        int list = _owner[slot];
        if (list < 0)
        {
            return;
        }

        int p = _prev[slot];
        int n = _next[slot];
        if (p >= 0)
        {
            _next[p] = n;
        }
        else
        {
            _head[list] = n;
        }

        if (n >= 0)
        {
            _prev[n] = p;
        }
        else
        {
            _tail[list] = p;
        }

        _owner[slot] = -1;
        _next[slot] = -1;
        _prev[slot] = -1;
        _count[list]--;
    }
}
