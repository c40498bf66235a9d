// The hypercall page Xen fills when a guest writes a page address to the MSR from CPUID leaf base+2
// (xen/include/public/arch-x86/cpuid.h): one 32-byte stub per hypercall, `mov $nr, %eax; vmmcall; ret`
// (B8 imm32, 0F 01 D9, C3) on AMD, so guests call `hypercall_page + nr * 32` without knowing the
// instruction. As in Xen's SVM code, the iret slot holds ud2 (0F 0B): HVM guests have no hypercall iret.
// Unused bytes are int3 (CC) so a jump into the middle of a stub traps.
using System;
using Xen.Core.Public;

namespace Xen.Arch.X86.Guest;

/// <summary>Builds the contents of a hypercall page.</summary>
public static class HypercallPage
{
    /// <summary>Bytes per stub.</summary>
    public const int StubSize = 32;

    /// <summary>Fills a 4096-byte page.</summary>
    public static void Fill(Span<byte> page)
    {
        page.Slice(0, 4096).Fill(0xCC);
        for (int nr = 0; nr < HypercallNumber.PageSlots; nr++)
        {
            Span<byte> stub = page.Slice(nr * StubSize, StubSize);
            if (nr == HypercallNumber.Iret)
            {
                stub[0] = 0x0F; stub[1] = 0x0B; // ud2
                continue;
            }
            stub[0] = 0xB8; // mov eax, imm32
            stub[1] = (byte)nr; stub[2] = 0; stub[3] = 0; stub[4] = 0;
            stub[5] = 0x0F; stub[6] = 0x01; stub[7] = 0xD9; // vmmcall
            stub[8] = 0xC3; // ret
        }
    }
}
