// Runs the runtime self-tests and prints one line per test: `selftest: <name> ok` or `... FAILED`, then a
// summary `selftest: N passed, M failed`. The same tests run hosted (xunit) and in images (boot tests), so a
// difference between the two builds shows up as a failing line.
using System;
using Xen.Runtime.Text;

namespace Xen.Runtime.SelfTests;

/// <summary>Runs <see cref="RuntimeSelfTests"/>.</summary>
public static unsafe class SelfTestRunner
{
    private static int s_passed;
    private static int s_failed;

    /// <summary>Tests passed in the last run.</summary>
    public static int Passed => s_passed;

    /// <summary>Tests failed in the last run.</summary>
    public static int Failed => s_failed;

    /// <summary>Runs every test; returns true if all passed.</summary>
    public static bool RunAll()
    {
        s_passed = 0;
        s_failed = 0;
        Run("static-fields", &RuntimeSelfTests.StaticFields);
        Run("static-constructor", &RuntimeSelfTests.StaticConstructor);
        Run("objects-and-virtuals", &RuntimeSelfTests.ObjectsAndVirtuals);
        Run("casts", &RuntimeSelfTests.Casts);
        Run("interface-dispatch", &RuntimeSelfTests.InterfaceDispatch);
        Run("generic-interfaces", &RuntimeSelfTests.GenericInterfaces);
        Run("reference-arrays", &RuntimeSelfTests.ReferenceArrays);
        Run("boxing", &RuntimeSelfTests.Boxing);
        Run("spans", &RuntimeSelfTests.Spans);
        Run("strings", &RuntimeSelfTests.Strings);
        Run("strings-and-shared-memory", &RuntimeSelfTests.StringsAndSharedMemoryPrimitives);
        Run("generics-shared", &RuntimeSelfTests.SharedGenerics);
        Run("heap-allocate-free", &RuntimeSelfTests.HeapAllocateFree);
        Run("page-allocator", &RuntimeSelfTests.PageAllocator);
        Run("interlocked", &RuntimeSelfTests.InterlockedOperations);
        DebugConsole.Write("selftest: ");
        DebugConsole.WriteDecimal((long)s_passed);
        DebugConsole.Write(" passed, ");
        DebugConsole.WriteDecimal((long)s_failed);
        DebugConsole.WriteLine(" failed");
        return s_failed == 0;
    }

    private static void Run(string name, delegate*<bool> test)
    {
        bool ok = test();
        DebugConsole.Write("selftest: ");
        DebugConsole.Write(name);
        DebugConsole.WriteLine(ok ? " ok" : " FAILED");
        if (ok) s_passed++;
        else s_failed++;
    }
}
