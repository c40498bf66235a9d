// The guest's console: the emulated PL011 at GUEST_PL011_BASE 0x22000000 (xen/include/public/arch-arm.h),
// data register at offset 0 (PL011 TRM DDI 0183). The vpl011 never has a full FIFO, so no flag polling.
namespace Xen.Guest.Arm.Kit;

internal static class GuestConsole
{
    private const ulong Pl011Data = 0x22000000;

    internal static void Put(byte value) => GuestCpu.MmioWrite32(Pl011Data, value);
}
