// Why: the core may not use System.Collections.Generic (it must compile against the bare-metal
// corelib, shared/DESIGN.md §3), so it keeps its own minimal growable array.
namespace Xen.Store.Collections;

/// <summary>A growable array with index access, append and order-preserving removal.</summary>
internal sealed class GrowList<T>
{
    private T[] _items;
    private int _count;

    public GrowList(int capacity = 4) => _items = new T[capacity < 1 ? 1 : capacity];

    public int Count => _count;

    public T this[int index]
    {
        get => (uint)index < (uint)_count ? _items[index] : throw new IndexOutOfRangeException();
        set
        {
            if ((uint)index >= (uint)_count)
            {
                throw new IndexOutOfRangeException();
            }

            _items[index] = value;
        }
    }

    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            T[] bigger = new T[_items.Length * 2];
            Array.Copy(_items, bigger, _count);
            _items = bigger;
        }

        _items[_count++] = item;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new IndexOutOfRangeException();
        }

        _count--;
        for (int i = index; i < _count; i++)
        {
            _items[i] = _items[i + 1];
        }

        _items[_count] = default!;
    }

    public void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            _items[i] = default!;
        }

        _count = 0;
    }

    public GrowList<T> Clone()
    {
        GrowList<T> copy = new(_count);
        Array.Copy(_items, copy._items, _count);
        copy._count = _count;
        return copy;
    }
}
