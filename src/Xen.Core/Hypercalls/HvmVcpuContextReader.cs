// Decodes and checks struct vcpu_hvm_context (public/hvm/hvm_vcpu.h) for VCPUOP_initialise, following
// Xen 4.7's arch_set_info_hvm_guest: pad must be zero and the mode 32B or 64B (else -EINVAL). 32-bit: pad
// fields zero; each segment as check_segment (ar bits 12-15 clear; a null ar only for DS/ES; TR a busy TSS
// system segment; others code/data, present; CS executable; SS writable data; DS/ES readable); EIP inside the
// CS limit (G scales it); SS.DPL = CS.DPL; DS/ES DPL ≤ CS.DPL; EFER.LMA only with LME. 64-bit: canonical
// RIP, CR0.PG, CR4.PAE and EFER.LME set. Both: LME implies LMA. The result is a VcpuBootState in the
// Hvm32/Hvm64 mode for the arch backend to load.
using System;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>vcpu_hvm_context → VcpuBootState.</summary>
public static class HvmVcpuContextReader
{
    private const ulong EferLme = 1UL << 8, EferLma = 1UL << 10;
    private const ulong Cr0Pg = 1UL << 31, Cr4Pae = 1UL << 5;
    private const ushort ArS = 1 << 4, ArP = 1 << 7, ArG = 1 << 11;
    private const int TssBusy = 0xB; // SYS_DESC_tss_busy

    /// <summary>Decodes <paramref name="c"/> (≥ <see cref="HvmVcpuContext.Size"/> bytes); 0 or -EINVAL.</summary>
    public static int Read(ReadOnlySpan<byte> c, out VcpuBootState state)
    {
        state = default;
        if (c.Length < HvmVcpuContext.Size || Wire.Get32(c, HvmVcpuContext.Pad) != 0) return -XenErrno.EINVAL;
        ReadOnlySpan<byte> r = c.Slice(HvmVcpuContext.Regs);
        switch (Wire.Get32(c, HvmVcpuContext.ModeField))
        {
            case HvmVcpuContext.Mode32:
                if (Read32(r, ref state) != 0) return -XenErrno.EINVAL;
                break;
            case HvmVcpuContext.Mode64:
                if (Read64(r, ref state) != 0) return -XenErrno.EINVAL;
                break;
            default:
                return -XenErrno.EINVAL;
        }
        if ((state.Efer & EferLme) != 0) state.Efer |= EferLma;
        return 0;
    }

    private static int Read32(ReadOnlySpan<byte> r, ref VcpuBootState s)
    {
        if (Wire.Get32(r, HvmVcpuContext.Pad1) != 0 || Get16(r, HvmVcpuContext.Pad2) != 0 ||
            Get16(r, HvmVcpuContext.Pad2 + 2) != 0 || Get16(r, HvmVcpuContext.Pad2 + 4) != 0)
            return -1;
        s.Mode = VcpuBootMode.Hvm32;
        s.Rax = Wire.Get32(r, HvmVcpuContext.Eax);
        s.Rcx = Wire.Get32(r, HvmVcpuContext.Ecx);
        s.Rdx = Wire.Get32(r, HvmVcpuContext.Edx);
        s.Rbx = Wire.Get32(r, HvmVcpuContext.Ebx);
        s.Rsp = Wire.Get32(r, HvmVcpuContext.Esp);
        s.Rbp = Wire.Get32(r, HvmVcpuContext.Ebp);
        s.Rsi = Wire.Get32(r, HvmVcpuContext.Esi);
        s.Rdi = Wire.Get32(r, HvmVcpuContext.Edi);
        s.EntryPoint = Wire.Get32(r, HvmVcpuContext.Eip);
        s.Rflags = Wire.Get32(r, HvmVcpuContext.Eflags);
        s.Cr0 = Wire.Get32(r, HvmVcpuContext.Cr0_32);
        s.Cr3 = Wire.Get32(r, HvmVcpuContext.Cr3_32);
        s.Cr4 = Wire.Get32(r, HvmVcpuContext.Cr4_32);
        s.Efer = Wire.Get64(r, HvmVcpuContext.Efer_32);
        // Xen ORs in the accessed bit (busy for TR) before checking: a guest may pass either.
        s.Cs = Segment(r, HvmVcpuContext.SegCs, 1);
        s.Ds = Segment(r, HvmVcpuContext.SegDs, 1);
        s.Ss = Segment(r, HvmVcpuContext.SegSs, 1);
        s.Es = Segment(r, HvmVcpuContext.SegEs, 1);
        s.Tr = Segment(r, HvmVcpuContext.SegTr, 2);
        int bad = Check(s.Cs, HvmVcpuContext.SegCs) | Check(s.Ds, HvmVcpuContext.SegDs) | Check(s.Ss, HvmVcpuContext.SegSs) |
            Check(s.Es, HvmVcpuContext.SegEs) | Check(s.Tr, HvmVcpuContext.SegTr);
        if (bad != 0) return -1;
        ulong limit = s.Cs.Limit;
        if ((s.Cs.Attributes & ArG) != 0) limit = (limit << 12) | 0xFFF;
        if (s.EntryPoint > limit) return -1;
        if (Dpl(s.Ss) != Dpl(s.Cs)) return -1;
        if ((s.Ds.Attributes & ArP) != 0 && Dpl(s.Ds) > Dpl(s.Cs)) return -1;
        if ((s.Es.Attributes & ArP) != 0 && Dpl(s.Es) > Dpl(s.Cs)) return -1;
        if ((s.Efer & EferLma) != 0 && (s.Efer & EferLme) == 0) return -1;
        return 0;
    }

    private static int Read64(ReadOnlySpan<byte> r, ref VcpuBootState s)
    {
        s.Mode = VcpuBootMode.Hvm64;
        s.Rax = Wire.Get64(r, HvmVcpuContext.Rax);
        s.Rcx = Wire.Get64(r, HvmVcpuContext.Rcx);
        s.Rdx = Wire.Get64(r, HvmVcpuContext.Rdx);
        s.Rbx = Wire.Get64(r, HvmVcpuContext.Rbx);
        s.Rsp = Wire.Get64(r, HvmVcpuContext.Rsp);
        s.Rbp = Wire.Get64(r, HvmVcpuContext.Rbp);
        s.Rsi = Wire.Get64(r, HvmVcpuContext.Rsi);
        s.Rdi = Wire.Get64(r, HvmVcpuContext.Rdi);
        s.EntryPoint = Wire.Get64(r, HvmVcpuContext.Rip);
        s.Rflags = Wire.Get64(r, HvmVcpuContext.Rflags);
        s.Cr0 = Wire.Get64(r, HvmVcpuContext.Cr0_64);
        s.Cr3 = Wire.Get64(r, HvmVcpuContext.Cr3_64);
        s.Cr4 = Wire.Get64(r, HvmVcpuContext.Cr4_64);
        s.Efer = Wire.Get64(r, HvmVcpuContext.Efer_64);
        // Canonical with 48 address bits: bits 63..47 all equal.
        ulong top = s.EntryPoint >> 47;
        if (top != 0 && top != 0x1FFFF) return -1;
        if ((s.Cr0 & Cr0Pg) == 0 || (s.Cr4 & Cr4Pae) == 0 || (s.Efer & EferLme) == 0) return -1;
        // Fixed long-mode segments, as Xen sets them: 64-bit code, flat data, busy 64-bit TSS.
        s.Cs = new VcpuSegment { Limit = 0xFFFFFFFF, Attributes = 0xA9B };
        s.Ds = s.Ss = s.Es = new VcpuSegment { Limit = 0xFFFFFFFF, Attributes = 0xC93 };
        s.Tr = new VcpuSegment { Limit = 0x67, Attributes = 0x8B };
        return 0;
    }

    private static VcpuSegment Segment(ReadOnlySpan<byte> r, int index, ushort accessed) => new VcpuSegment
    {
        Base = Wire.Get32(r, HvmVcpuContext.BaseFields + index * 4),
        Limit = Wire.Get32(r, HvmVcpuContext.LimitFields + index * 4),
        Attributes = (ushort)(Get16(r, HvmVcpuContext.ArFields + index * 2) | accessed),
    };

    // check_segment, on the attributes with the accessed/busy bit already OR'd in exactly as Xen 4.7 does
    // before checking: its "null selector allowed for DS/ES" case (attributes 0) can therefore never match,
    // and a null DS/ES fails as a system segment. Reproduced, not fixed: guests see Xen 4.7's answer.
    private static int Check(VcpuSegment s, int seg)
    {
        ushort ar = s.Attributes;
        if ((ar & 0xF000) != 0) return 1;
        int type = ar & 0xF;
        bool isCodeOrData = (ar & ArS) != 0;
        if (seg == HvmVcpuContext.SegTr) { if (isCodeOrData || type != TssBusy) return 1; }
        else if (!isCodeOrData) return 1;
        if ((ar & ArP) == 0) return 1;
        if (seg == HvmVcpuContext.SegCs && (type & 0x8) == 0) return 1;
        if (seg == HvmVcpuContext.SegSs && ((type & 0x8) != 0 || (type & 0x2) == 0)) return 1;
        if (isCodeOrData && seg != HvmVcpuContext.SegSs && seg != HvmVcpuContext.SegCs && (type & 0x8) != 0 && (type & 0x2) == 0)
            return 1;
        return 0;
    }

    private static int Dpl(VcpuSegment s) => (s.Attributes >> 5) & 3;

    private static ushort Get16(ReadOnlySpan<byte> b, int at) => (ushort)(b[at] | b[at + 1] << 8);
}
