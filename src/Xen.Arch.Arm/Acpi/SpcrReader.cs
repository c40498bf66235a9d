// The SPCR (Microsoft "Serial Port Console Redirection Table", revision 2+; interface types from the DBG2
// specification's Table 3): header (36), interface type u8 @36, reserved @37-39, base address as a Generic
// Address Structure @40 {address space u8, bit width u8, bit offset u8, access size u8, address u64 @44},
// interrupt type u8 @52, PC-AT IRQ u8 @53, global system interrupt u32 @54, configured baud rate u8 @58
// (3 = 9600, 4 = 19200, 6 = 57600, 7 = 115200, 0 = as configured by firmware), ... 80 bytes at revision 2.
using System;

namespace Xen.Arch.Arm.Acpi;

internal static class SpcrReader
{
    private const int Revision2Length = 80;

    internal static AcpiStatus Read(ReadOnlySpan<byte> table, ref AcpiPlatform platform)
    {
        if (table.Length < Revision2Length) return AcpiStatus.BadLength;
        platform.ConsoleType = table[36];
        platform.ConsoleAddressSpace = table[40];
        platform.ConsoleBase = AcpiBytes.U64(table, 44);
        platform.ConsoleGsiv = AcpiBytes.U32(table, 54);
        platform.ConsoleBaud = table[58] switch
        {
            3 => 9600,
            4 => 19200,
            6 => 57600,
            7 => 115200,
            _ => 0,
        };
        platform.HasSpcr = true;
        return AcpiStatus.Ok;
    }
}
