// Small type hierarchies the self-tests exercise: classes with virtuals, interfaces (plain and generic),
// structs implementing interfaces, and a class whose static constructor ilc cannot pre-initialise.
using System;

namespace Xen.Runtime.SelfTests;

internal interface IShape
{
    int Area();
    string Name { get; }
}

internal interface IProducer<T>
{
    T Produce(int seed);
}

internal abstract class Shape : IShape
{
    public abstract int Area();
    public virtual string Name => "shape";
}

internal sealed class Rectangle : Shape
{
    private readonly int _w, _h;
    public Rectangle(int w, int h) { _w = w; _h = h; }
    public override int Area() => _w * _h;
    public override string Name => "rectangle";
}

internal class Square : Shape
{
    private readonly int _side;
    public Square(int side) { _side = side; }
    public override int Area() => _side * _side;
}

internal sealed class Circle : IShape
{
    private readonly int _radius;
    public Circle(int radius) { _radius = radius; }
    public int Area() => 3 * _radius * _radius;
    public string Name => "circle";
}

internal sealed class Doubler : IProducer<int>
{
    public int Produce(int seed) => seed * 2;
}

internal sealed class StringEcho : IProducer<string>
{
    public string Produce(int seed) => seed == 3 ? "echo" : "?";
}

internal sealed class NumberProducer : IProducer<int>, IProducer<string>
{
    int IProducer<int>.Produce(int seed) => seed * 3;
    string IProducer<string>.Produce(int seed) => seed == 1 ? "one" : "many";
}

internal struct Counter : IEquatable<Counter>
{
    public int Value;
    public bool Equals(Counter other) => Value == other.Value;
    public override bool Equals(object? obj) => obj is Counter c && Equals(c);
    public override int GetHashCode() => Value;
}

/// <summary>Holds reference-type statics: null in an image unless module initialisation ran.</summary>
internal static class StaticHolder
{
    internal static readonly string Greeting = "hello";
    internal static readonly int[] Primes = { 2, 3, 5, 7, 11 };
    internal static readonly Rectangle Box = new Rectangle(3, 4);
    internal static Rectangle? Scratch;
}

/// <summary>Its cctor calls through a function pointer, which ilc's pre-initialiser cannot evaluate, so the
/// image must run it at first access (through ClassConstructorRunner).</summary>
internal static unsafe class LazyInitialized
{
    internal static int RunCount;
    internal static readonly int Value;
    internal static readonly string Label;

    static LazyInitialized()
    {
        delegate*<int, int> twice = &Twice;
        Value = twice(21);
        Label = string.Concat("lazy-", Value == 42 ? "42" : "?");
        RunCount++;
    }

    private static int Twice(int x) => x * 2;
}

/// <summary>A tiny generic container over reference types (exercises shared canonical generic code).</summary>
internal sealed class Bag<T> where T : class
{
    private T?[] _items = new T?[2];
    private int _count;

    public int Count => _count;

    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            var larger = new T?[_count * 2];
            for (int i = 0; i < _count; i++) larger[i] = _items[i];
            _items = larger;
        }
        _items[_count++] = item;
    }

    public T? Get(int index) => _items[index];
}
