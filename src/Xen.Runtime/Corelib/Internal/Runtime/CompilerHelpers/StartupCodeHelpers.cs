// Module initialisation for images: the work NativeAOT's startup does before Main.
// ilc emits one ReadyToRun-style header per module into the `__modules` section (ELF) or `.modules$I`
// (COFF); the platform's boot code passes us the section bounds. For each header we:
//   - allocate the GC static bases (GCStaticRegion, id 201): each 32-bit entry is a relative pointer to a
//     block whose first word is a relative pointer to the statics MethodTable with bit 0 set ("uninitialised")
//     and bit 1 set when a pre-initialised data blob follows (relative pointer in the next 32 bits); we
//     allocate the object, copy the blob and store the object pointer over the block. Without this every
//     static field of reference type reads garbage.
//   - run eager class constructors (EagerCctor, id 205: 32-bit relative pointers to the methods).
// ilc 10 uses relative pointers (MethodTable.SupportsRelativePointers) on every target we build.
// Lazy cctors are handled by ClassConstructorRunner. Section ids: src/coreclr/tools/Common/Internal/Runtime/ModuleHeaders.cs.
#pragma warning disable CS1591
using System;
using System.Runtime;

namespace Internal.Runtime.CompilerHelpers;

public static unsafe class StartupCodeHelpers
{
    private const uint ReadyToRunSignature = 0x00525452; // "RTR"
    private const int GCStaticRegion = 201;
    private const int EagerCctor = 205;
    private const int DehydratedData = 207;
    private const nint Uninitialized = 1;
    private const nint HasPreInitializedData = 2;

    /// <summary>Initialises every module whose header pointer lies in [start, end). Returns the number of
    /// GC static bases allocated, or -1 when a header is malformed (the caller panics with that fact).</summary>
    public static int InitializeModules(nint* start, nint* end)
    {
        int allocated = 0;
        for (nint* entry = start; entry < end; entry++)
        {
            byte* header = (byte*)*entry;
            if (header == null) continue; // padding between merged sections
            if (*(uint*)header != ReadyToRunSignature) return -1;
            int sectionCount = *(ushort*)(header + 12);
            int entrySize = header[14];
            byte* rows = header + 16;
            for (int i = 0; i < sectionCount; i++)
            {
                byte* row = rows + i * entrySize;
                int id = *(int*)row;
                nint* sectionStart = *(nint**)(row + 8);
                nint* sectionEnd = *(nint**)(row + 16);
                if (id == DehydratedData) return -1; // we pass no --dehydrate; refuse rather than run on garbage
                if (id == GCStaticRegion) allocated += InitializeStatics((byte*)sectionStart, (byte*)sectionEnd);
            }
            for (int i = 0; i < sectionCount; i++)
            {
                byte* row = rows + i * entrySize;
                if (*(int*)row != EagerCctor) continue;
                for (byte* cctor = *(byte**)(row + 8); cctor < *(byte**)(row + 16); cctor += sizeof(int))
                    ((delegate*<void>)ReadRelativePointer(cctor))();
            }
        }
        return allocated;
    }

    private static byte* ReadRelativePointer(void* address) => (byte*)address + *(int*)address;

    private static int InitializeStatics(byte* start, byte* end)
    {
        int count = 0;
        for (byte* block = start; block < end; block += sizeof(int))
        {
            nint* pBlock = (nint*)ReadRelativePointer(block);
            nint blockAddr = (nint)ReadRelativePointer(pBlock);
            if ((blockAddr & Uninitialized) == 0) continue;
            MethodTable* mt = (MethodTable*)(blockAddr & ~(nint)3);
            byte* obj = (byte*)System.Runtime.RuntimeExports.AllocateObject(mt);
            if ((blockAddr & HasPreInitializedData) != 0)
            {
                // The blob holds every field of the statics object (header word and MethodTable excluded).
                byte* data = ReadRelativePointer((int*)pBlock + 1);
                nuint size = mt->BaseSize - (nuint)(2 * sizeof(nint));
                Buffer.Memmove(obj + sizeof(nint), data, size);
            }
            *pBlock = (nint)obj;
            count++;
        }
        return count;
    }

    // Transition helpers ilc references from --nativelib startup code and P/Invoke frames. Images have no
    // GC-mode transitions, so they do nothing.
    [RuntimeExport("RhpReversePInvoke")] private static void RhpReversePInvoke(nint frame) { }
    [RuntimeExport("RhpReversePInvokeReturn")] private static void RhpReversePInvokeReturn(nint frame) { }
    [RuntimeExport("RhpPInvoke")] private static void RhpPInvoke(nint frame) { }
    [RuntimeExport("RhpPInvokeReturn")] private static void RhpPInvokeReturn(nint frame) { }
    [RuntimeExport("RhpGcPoll")] private static void RhpGcPoll() { }
}
