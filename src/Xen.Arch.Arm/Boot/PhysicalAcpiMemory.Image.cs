// IAcpiMemory for the image: ACPI tables are read in place through the identity map, but only where the
// UEFI memory map says there is memory (any RAM kind: tables live in ACPI reclaim/NVS or reserved ranges), so
// a garbled pointer in a table becomes AcpiStatus.Unreadable instead of a fault on an unmapped address.
using System;
using Xen.Arch.Arm.Acpi;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Boot;

internal unsafe struct PhysicalAcpiMemory : IAcpiMemory
{
    private readonly MemoryMap* _map;

    internal PhysicalAcpiMemory(MemoryMap* map) => _map = map;

    public bool TryMap(ulong address, uint length, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        ulong end = address + length;
        if (address == 0 || end < address || length > int.MaxValue) return false;
        for (int i = 0; i < _map->Count; i++)
        {
            MemoryRange range = (*_map)[i];
            if (address >= range.Base && end <= range.End)
            {
                bytes = new ReadOnlySpan<byte>((void*)address, (int)length);
                return true;
            }
        }
        return false;
    }
}
