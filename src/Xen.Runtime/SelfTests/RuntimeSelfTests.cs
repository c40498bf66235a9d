// The runtime self-tests: each proves one piece of ordinary C# works in this build. They return false
// rather than throw, because in an image a throw is a panic and we want every line of the report.
using System;
using System.Runtime.CompilerServices;
using Xen.Runtime.Memory;

namespace Xen.Runtime.SelfTests;

/// <summary>Individual self-tests.</summary>
public static unsafe class RuntimeSelfTests
{
    /// <summary>Static fields of reference type (GC statics) hold their initial values.</summary>
    public static bool StaticFields()
    {
        if (StaticHolder.Greeting is null || StaticHolder.Greeting.Length != 5 || StaticHolder.Greeting[1] != 'e') return false;
        if (StaticHolder.Primes is null || StaticHolder.Primes.Length != 5 || StaticHolder.Primes[4] != 11) return false;
        if (StaticHolder.Box is null || StaticHolder.Box.Area() != 12) return false;
        StaticHolder.Scratch = new Rectangle(5, 5);
        return StaticHolder.Scratch.Area() == 25 && StaticHolder.Box.Area() == 12;
    }

    /// <summary>A static constructor that cannot be pre-initialised runs exactly once, before first access.</summary>
    public static bool StaticConstructor()
    {
        int first = LazyInitialized.Value;
        string label = LazyInitialized.Label;
        return first == 42 && label == "lazy-42" && LazyInitialized.RunCount == 1 && LazyInitialized.Value == 42;
    }

    /// <summary>Heap objects, virtual and abstract calls, base-class implementations.</summary>
    public static bool ObjectsAndVirtuals()
    {
        Shape a = new Rectangle(2, 3);
        Shape b = new Square(4);
        return a.Area() == 6 && b.Area() == 16 && a.Name == "rectangle" && b.Name == "shape";
    }

    /// <summary>is / as / casts across classes and interfaces, including failures.</summary>
    public static bool Casts()
    {
        object r = new Rectangle(1, 1);
        object s = new Square(2);
        object text = "text";
        if (!(r is Shape) || !(r is IShape) || r is Square) return false;
        if (s as Rectangle is not null || s as Shape is null) return false;
        if (text is Shape || text as IShape is not null) return false;
        Shape shape = (Shape)s;
        IShape iface = (IShape)r;
        return shape.Area() == 4 && iface.Area() == 1;
    }

    /// <summary>Calls through an interface reach the right implementation.</summary>
    public static bool InterfaceDispatch()
    {
        IShape[] shapes = { new Rectangle(2, 5), new Square(3), new Circle(2) };
        int total = 0;
        for (int i = 0; i < shapes.Length; i++) total += AreaOf(shapes[i]);
        return total == 31 && NameOf(shapes[0]) == "rectangle" && NameOf(shapes[2]) == "circle";
    }

    // Not inlinable, and three implementations: the call must go through real interface dispatch.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int AreaOf(IShape shape) => shape.Area();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string NameOf(IShape shape) => shape.Name;

    /// <summary>Generic interfaces with two instantiations on one class.</summary>
    public static bool GenericInterfaces()
    {
        var producer = new NumberProducer();
        IProducer<int> ints = producer;
        IProducer<string> strings = producer;
        // The shared Produce<string> call site becomes monomorphic for NumberProducer after its first call;
        // StringEcho then takes the fallback path and must still reach its own implementation.
        return Produce(ints, 5) == 15 && Produce(strings, 1) == "one" && Produce(strings, 2) == "many"
            && Produce<string>(new StringEcho(), 3) == "echo" && Produce(strings, 1) == "one"
            && Produce<int>(new Doubler(), 4) == 8 && producer is IProducer<int> && producer is IProducer<string>;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Produce<T>(IProducer<T> producer, int seed) => producer.Produce(seed);

    /// <summary>Arrays of references: stores (with covariance checks), loads, resizing.</summary>
    public static bool ReferenceArrays()
    {
        object?[] objects = new object?[3];
        objects[0] = "a";
        objects[1] = new Square(1);
        objects[2] = null;
        Shape[] shapes = new Shape[2];
        shapes[0] = new Rectangle(1, 2);
        shapes[1] = new Square(3);
        object[] covariant = shapes;
        covariant[0] = new Square(2);
        string[] strings = { "x", "y" };
        return objects[0] is string && objects[1] is Square && objects[2] is null
            && shapes[0].Area() == 4 && strings[1] == "y" && covariant.Length == 2;
    }

    /// <summary>Boxing and unboxing of primitives and structs.</summary>
    public static bool Boxing()
    {
        object boxed = 42;
        object boxedCounter = new Counter { Value = 7 };
        if (!(boxed is int) || boxed is long || (int)boxed != 42) return false;
        Counter c = (Counter)boxedCounter;
        object? none = null;
        return c.Value == 7 && boxedCounter.Equals(new Counter { Value = 7 }) && none is not int;
    }

    /// <summary>Span over stack memory and arrays: slicing, copying, comparing, enumerating; Array.Copy/Clear.</summary>
    public static bool Spans()
    {
        Span<byte> stack = stackalloc byte[16];
        for (int i = 0; i < stack.Length; i++) stack[i] = (byte)i;
        byte[] array = new byte[8];
        stack.Slice(4, 8).CopyTo(array);
        ReadOnlySpan<byte> expected = new byte[] { 4, 5, 6, 7, 8, 9, 10, 11 };
        int sum = 0;
        foreach (byte b in array) sum += b;
        int[] copied = new int[4];
        Array.Copy(new[] { 7, 8, 9 }, copied, 3);
        object[] objects = new object[2];
        Array.Copy(new[] { "a", "b" }, objects, 2); // string[] → object[]: element-wise, type-checked
        bool copiedAll = copied[0] == 7 && copied[2] == 9 && copied[3] == 0;
        Array.Clear(copied);
        return ((ReadOnlySpan<byte>)array).SequenceEqual(expected) && sum == 60 && stack.Slice(15).Length == 1
            && copiedAll && copied[0] == 0 && copied[2] == 0 && (string)objects[1] == "b";
    }

    /// <summary>String length, indexing, equality and concatenation.</summary>
    public static bool Strings()
    {
        string a = "Xen";
        string b = string.Concat(a, "#");
        string c = string.Concat(b, " ", "runtime");
        return b.Length == 4 && b[3] == '#' && b == "Xen#" && c == "Xen# runtime" && c != b
            && c.Substring(5) == "runtime" && "abc".Equals("abc");
    }

    /// <summary>String construction from characters, volatile accesses and the full fence (shared-ring code uses them).</summary>
    public static bool StringsAndSharedMemoryPrimitives()
    {
        char[] letters = { 'r', 'i', 'n', 'g' };
        string fromArray = new string(letters);
        string fromSpan = new string(new ReadOnlySpan<char>(letters, 1, 2));
        uint index = 0;
        System.Threading.Volatile.Write(ref index, 41u);
        System.Threading.Interlocked.MemoryBarrier();
        uint seen = System.Threading.Volatile.Read(ref index);
        long wide = 0;
        System.Threading.Volatile.Write(ref wide, -5L);
        return fromArray == "ring" && fromSpan == "in" && seen == 41 && System.Threading.Volatile.Read(ref wide) == -5
            && new string(Array.Empty<char>()).Length == 0;
    }

    /// <summary>Generic classes over reference types share canonical code with runtime lookups.</summary>
    public static bool SharedGenerics()
    {
        var words = new Bag<string>();
        var shapes = new Bag<Shape>();
        for (int i = 0; i < 5; i++) words.Add(i == 0 ? "zero" : "more");
        shapes.Add(new Square(2));
        return words.Count == 5 && words.Get(0) == "zero" && shapes.Get(0)!.Area() == 4;
    }

    /// <summary>The image heap reuses freed blocks and tracks live objects (hosted: trivially true).</summary>
    public static bool HeapAllocateFree()
    {
#if XEN_IMAGE
        ref ObjectHeap heap = ref ObjectHeap.Global;
        ulong live = heap.LiveObjects;
        void* first = heap.Allocate(64);
        void* second = heap.Allocate(64);
        if (first == null || second == null || first == second || heap.LiveObjects != live + 2) return false;
        if (!heap.Free(first) || heap.Free((byte*)second + 8)) return false;
        void* reused = heap.Allocate(50);
        void* large = heap.Allocate(10000);
        if (reused != first || large == null || ((ulong)large & 15) != 0) return false;
        bool freed = heap.Free(reused) && heap.Free(second) && heap.Free(large);
        return freed && heap.LiveObjects == live;
#else
        return true;
#endif
    }

    /// <summary>Atomic read-modify-write operations return the original value and store the new one; the
    /// ticket lock serves tickets in order.</summary>
    public static bool InterlockedOperations()
    {
        int i = 5;
        if (System.Threading.Interlocked.CompareExchange(ref i, 9, 4) != 5 || i != 5) return false;
        if (System.Threading.Interlocked.CompareExchange(ref i, 9, 5) != 5 || i != 9) return false;
        if (System.Threading.Interlocked.Exchange(ref i, 3) != 9 || i != 3) return false;
        if (System.Threading.Interlocked.Add(ref i, 4) != 7 || System.Threading.Interlocked.Increment(ref i) != 8) return false;
        ulong bits = 0x10;
        if (System.Threading.Interlocked.Or(ref bits, 0x3UL) != 0x10 || bits != 0x13) return false;
        if (System.Threading.Interlocked.And(ref bits, ~0x1UL) != 0x13 || bits != 0x12) return false;
        long big = long.MaxValue - 1;
        if (System.Threading.Interlocked.Add(ref big, 1) != long.MaxValue) return false;
        if (System.Threading.Interlocked.CompareExchange(ref big, 0, long.MaxValue) != long.MaxValue || big != 0) return false;
        var gate = new Threading.TicketLock();
        if (!gate.TryAcquire() || !gate.IsHeld || gate.TryAcquire()) return false;
        gate.Release();
        gate.Acquire();
        gate.Release();
        return !gate.IsHeld;
    }

    /// <summary>Page runs allocate, free, and reject double frees.</summary>
    public static bool PageAllocator()
    {
#if XEN_IMAGE
        PhysicalPageAllocator* pages = RuntimeState.Pages;
        ulong free = pages->FreePageCount;
        ulong run = pages->AllocatePages(8);
        if (run == 0 || (run & 0xFFF) != 0 || pages->FreePageCount != free - 8) return false;
        if (!pages->FreePages(run, 8) || pages->FreePages(run, 8)) return false;
        return pages->FreePageCount == free;
#else
        return true;
#endif
    }
}
