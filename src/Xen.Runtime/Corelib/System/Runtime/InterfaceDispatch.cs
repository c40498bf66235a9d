// Interface dispatch for calls ilc could not devirtualise. Each call site owns a dispatch cell
// { stub, cache } and calls through the stub with the cell's address in r11 (x64) / x11 (arm64); ilc
// initialises the stub to RhpInitialDynamicInterfaceDispatch and the cache to a 32-bit relative pointer to
// the interface MethodTable (low two bits = 3); the slot is stored once per run of cells, in the terminator
// cell (stub == 0). Slots count the interface's generic-dictionary slot, as dispatch maps do.
// The assembly stub saves the argument registers and asks Resolve for the target, then tail-jumps to it.
// Resolution walks the object's type and its bases; each type's dispatch map (reached through a relative
// pointer after the vtable, interface list, type-manager and writable-data cells) lists
// (interface index, interface slot, implementation slot); implementation slots past the vtable live in the
// sealed-slot table. Layout: src/coreclr/nativeaot/Runtime/inc/MethodTable.h (EETypeField order).
// After the first resolution a cell becomes monomorphic: its cache word points at an immutable
// MonomorphicEntry {type, target, interface, slot} and its stub at RhpMonomorphicInterfaceDispatch, which
// compares the object's MethodTable with the entry and jumps straight to the target (3 loads, a compare and
// an indirect jump); other types fall back here. Entries are never changed after publication, so another
// CPU can never pair a type with the wrong target; polymorphic sites simply keep taking the slow path.
// Not supported yet (the core uses none): default interface methods, generic variance.
#pragma warning disable CS1591
using System.Runtime.CompilerServices;

namespace System.Runtime;

internal static unsafe class InterfaceDispatch
{
    private const uint HasDispatchMapFlag = 0x00040000;
    private const uint HasFinalizerFlag = 0x00100000;
    private const uint HasSealedVTableEntriesFlag = 0x00400000;
    private const int RelativeInterfacePointer = 3;
    private const int CachePointer = 0;

    private struct MonomorphicEntry
    {
        public MethodTable* Type;
        public void* Target;
        public MethodTable* Interface;
        public ulong Slot;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_monomorphic_dispatch_stub")]
    private static extern void* MonomorphicStub();

    [RuntimeExport("XenResolveInterfaceDispatch")]
    private static void* Resolve(object instance, byte* cell)
    {
        long cache = *(long*)(cell + 8);
        MethodTable* type = instance.GetMethodTable();
        if ((cache & 3) == CachePointer)
        {
            // Already monomorphic for another type: resolve without touching the published entry.
            MonomorphicEntry* known = (MonomorphicEntry*)cache;
            return Require(FindImplementation(type, known->Interface, (ushort)known->Slot), cell);
        }
        if ((cache & 3) != RelativeInterfacePointer)
            Xen.Runtime.Diagnostics.Panic.Fail(Xen.Runtime.Diagnostics.PanicReason.FailFast, "unsupported interface dispatch cell encoding", (nuint)cell);
        // The relative pointer is taken from the cache field itself; the flag bits ride in its low bits.
        MethodTable* itf = (MethodTable*)((long)(cell + 8 + (int)cache) & ~3L);
        // Cells are emitted in runs; the run's terminator (stub == 0) carries the slot in the low 16 bits of
        // its cache word and the cell kind (0 = interface and slot) in bits 16-31.
        byte* terminator = cell;
        while (*(void**)terminator != null) terminator += 16;
        ulong info = *(ulong*)(terminator + 8);
        if ((info >> 16 & 0xFFFF) != 0)
            Xen.Runtime.Diagnostics.Panic.Fail(Xen.Runtime.Diagnostics.PanicReason.FailFast, "metadata-token dispatch cells are not supported", (nuint)cell);
        ushort slot = (ushort)info;
        void* target = Require(FindImplementation(type, itf, slot), cell);
        MonomorphicEntry* entry = (MonomorphicEntry*)Xen.Runtime.Memory.ObjectHeap.Global.Allocate((uint)sizeof(MonomorphicEntry));
        if (entry != null)
        {
            entry->Type = type;
            entry->Target = target;
            entry->Interface = itf;
            entry->Slot = slot;
            // Publish the entry before the stub that reads it (the stub loads the cache word after the stub).
            Threading.Interlocked.MemoryBarrier();
            *(MonomorphicEntry**)(cell + 8) = entry;
            Threading.Interlocked.MemoryBarrier();
            *(void**)cell = MonomorphicStub();
        }
        return target;
    }

    private static void* Require(void* target, byte* cell)
    {
        if (target == null)
            Xen.Runtime.Diagnostics.Panic.Fail(Xen.Runtime.Diagnostics.PanicReason.FailFast, "no implementation for interface method (EntryPointNotFound)", (nuint)cell);
        return target;
    }

    internal static void* FindImplementation(MethodTable* type, MethodTable* itf, ushort slot)
    {
        for (MethodTable* current = type; current != null; current = current->IsArray ? null : current->RelatedType)
        {
            if ((current->Flags & HasDispatchMapFlag) == 0) continue;
            ushort* map = (ushort*)FollowRelative(OptionalCell(current, 2));
            int standard = map[0];
            ushort* entries = map + 4;
            MethodTable** interfaces = current->InterfaceMap;
            for (int i = 0; i < standard; i++)
            {
                ushort* e = entries + i * 3;
                if (e[1] != slot || e[0] >= current->NumInterfaces || interfaces[e[0]] != itf) continue;
                ushort impl = e[2];
                if (impl < type->NumVtableSlots)
                    return ((void**)((byte*)type + 24))[impl];
                return SealedSlot(current, (ushort)(impl - current->NumVtableSlots));
            }
        }
        return null;
    }

    /// <summary>Address of the index-th 32-bit relative cell after the interface list
    /// (0 = type manager, 1 = writable data, 2 = dispatch map when present, ...).</summary>
    private static byte* OptionalCell(MethodTable* type, int index) =>
        (byte*)type + 24 + type->NumVtableSlots * sizeof(void*) + type->NumInterfaces * sizeof(void*) + index * 4;

    private static void* SealedSlot(MethodTable* type, ushort sealedIndex)
    {
        if ((type->Flags & HasSealedVTableEntriesFlag) == 0) return null;
        int cell = 2 + ((type->Flags & HasDispatchMapFlag) != 0 ? 1 : 0) + ((type->Flags & HasFinalizerFlag) != 0 ? 1 : 0);
        byte* sealedTable = FollowRelative(OptionalCell(type, cell));
        return FollowRelative(sealedTable + sealedIndex * 4);
    }

    private static byte* FollowRelative(byte* cell) => cell + *(int*)cell;
}
