// vcpu_hvm_context images (public/hvm/hvm_vcpu.h) for the VCPUOP_initialise tests, built byte by byte from
// the header's layout: mode @0, pad @4, registers @8.
namespace Xen.Core.Tests.Hypercalls;

internal static class HvmContexts
{
    public static byte[] Long64(ulong rip = 0x200000, ulong cr0 = 0x80000011, ulong cr4 = 0x20, ulong efer = 0x100)
    {
        var c = new byte[128];
        Put32(c, 0, 1); // VCPU_HVM_MODE_64B
        Put64(c, 8 + 24, 0xB0B);       // rbx
        Put64(c, 8 + 32, 0x9000);      // rsp
        Put64(c, 8 + 64, rip);         // rip
        Put64(c, 8 + 72, 2);           // rflags
        Put64(c, 8 + 80, cr0);
        Put64(c, 8 + 88, 0x100000);    // cr3
        Put64(c, 8 + 96, cr4);
        Put64(c, 8 + 104, efer);
        return c;
    }

    /// <summary>A flat 32-bit protected-mode context: CS 0xC9B, DS/SS/ES 0xC93, TR 0x8B (busy 32-bit TSS).</summary>
    public static byte[] Flat32(uint eip = 0x100000)
    {
        var c = new byte[128];
        Put32(c, 0, 0); // VCPU_HVM_MODE_32B
        Put32(c, 8 + 12, 0x1234);  // ebx
        Put32(c, 8 + 16, 0x8000);  // esp
        Put32(c, 8 + 32, eip);
        Put32(c, 8 + 36, 2);       // eflags
        Put32(c, 8 + 40, 0x11);    // cr0 PE|ET
        for (int s = 0; s < 4; s++) Put32(c, 8 + 84 + s * 4, 0xFFFFFFFF); // cs, ds, ss, es limits
        Put32(c, 8 + 100, 0x67);   // tr limit
        SetAr(c, 0, 0xC9B);
        SetAr(c, 1, 0xC93);
        SetAr(c, 2, 0xC93);
        SetAr(c, 3, 0xC93);
        SetAr(c, 4, 0x8B);
        return c;
    }

    /// <summary>Sets segment <paramref name="index"/>'s _ar (cs 0, ds 1, ss 2, es 3, tr 4).</summary>
    public static void SetAr(byte[] c, int index, ushort ar)
    {
        c[8 + 104 + index * 2] = (byte)ar;
        c[8 + 104 + index * 2 + 1] = (byte)(ar >> 8);
    }

    public static void Put32(byte[] b, int at, uint v) => BitConverter.GetBytes(v).CopyTo(b, at);
    public static void Put64(byte[] b, int at, ulong v) => BitConverter.GetBytes(v).CopyTo(b, at);
}
