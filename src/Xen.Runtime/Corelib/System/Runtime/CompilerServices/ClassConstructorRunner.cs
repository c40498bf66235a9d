// Lazy static constructors. For a class whose cctor ilc could not pre-initialise at compile time, every
// static access first goes through one of these helpers with the class's construction context (a word
// holding the cctor's address until it has run). Without them cctors silently never run.
// Images are single-threaded while cctors run (boot CPU, before APs start), so no lock is needed yet.
#pragma warning disable CS1591
namespace System.Runtime.CompilerServices;

public struct StaticClassConstructionContext
{
    public IntPtr cctorMethodAddress;
}

internal static unsafe class ClassConstructorRunner
{
    private static object CheckStaticClassConstructionReturnGCStaticBase(ref StaticClassConstructionContext context, object gcStaticBase)
    {
        EnsureClassConstructorRun(ref context);
        return gcStaticBase;
    }

    private static IntPtr CheckStaticClassConstructionReturnNonGCStaticBase(ref StaticClassConstructionContext context, IntPtr nonGcStaticBase)
    {
        EnsureClassConstructorRun(ref context);
        return nonGcStaticBase;
    }

    public static void EnsureClassConstructorRun(ref StaticClassConstructionContext context)
    {
        IntPtr cctor = context.cctorMethodAddress;
        if (cctor == 0) return;
        // Clear first: a cctor that touches its own statics must not recurse into itself (ECMA-335 II.10.5.3.3).
        context.cctorMethodAddress = 0;
        ((delegate*<void>)cctor)();
    }
}
