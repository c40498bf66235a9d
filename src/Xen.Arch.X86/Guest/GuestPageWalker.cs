// Translates guest-linear addresses the way the guest's MMU would, so hypercall pointers (which are
// guest-virtual) can be followed (Xen's hvm_copy_*_guest_linear). Modes per AMD APM vol. 2 §5: paging off
// (linear = physical); 2-level 32-bit (4 KiB, and 4 MiB pages with CR4.PSE); PAE 3-level (PDPT of 4 entries
// at CR3[31:5]); long mode 4-level (1 GiB / 2 MiB pages via PS). Table entries are read through the P2M, so a
// guest whose tables point outside its memory gets a failed translation, never a hypervisor fault.
// Access checks: present at every level; for writes, R/W at every level when CR0.WP is set (supervisor
// access, which is what a hypercall from guest kernel mode is).
using System;
using Xen.Core.Memory;

namespace Xen.Arch.X86.Guest;

/// <summary>The paging registers a walk needs.</summary>
public struct GuestPagingState
{
#pragma warning disable CS1591
    public ulong Cr0, Cr3, Cr4, Efer;
#pragma warning restore CS1591
}

/// <summary>Guest page-table walker.</summary>
public static unsafe class GuestPageWalker
{
    private const ulong Cr0Pg = 1UL << 31, Cr0Wp = 1UL << 16, Cr4Pse = 1UL << 4, Cr4Pae = 1UL << 5, EferLma = 1UL << 10;
    private const ulong Present = 1, Writable = 2, LargePage = 0x80;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000;

    /// <summary>Translates <paramref name="linear"/>; false if unmapped, not writable for a write, or the tables are not in guest memory.</summary>
    public static bool TryTranslate(P2m p2m, in GuestPagingState s, ulong linear, bool write, out ulong gpa)
    {
        gpa = 0;
        if ((s.Cr0 & Cr0Pg) == 0) { gpa = linear; return true; }
        bool checkWrite = write && (s.Cr0 & Cr0Wp) != 0;
        if ((s.Efer & EferLma) != 0)
        {
            // 4-level paging translates 48 bits; bits 63:47 must be copies of bit 47 (canonical), or the CPU raises
            // #GP. Without this a pointer like 0x8000_0000_0000_0000 would alias linear 0 (AMD APM vol. 2 §5.3.1).
            if ((ulong)((long)(linear << 16) >> 16) != linear) return false;
            return Walk(p2m, s.Cr3 & AddressMask, linear, 4, 8, checkWrite, out gpa);
        }
        linear &= 0xFFFFFFFF;
        if ((s.Cr4 & Cr4Pae) != 0)
        {
            // PAE: the 4-entry PDPT at CR3[31:5] selects a page directory by linear[31:30].
            ulong pdpte = ReadEntry(p2m, (s.Cr3 & 0xFFFFFFE0) + ((linear >> 30) & 3) * 8, 8, out bool ok);
            if (!ok || (pdpte & Present) == 0) return false;
            return Walk(p2m, pdpte & AddressMask, linear, 2, 8, checkWrite, out gpa);
        }
        return Walk32(p2m, s, linear, checkWrite, out gpa);
    }

    // 8-byte entries, `levels` levels below the given table (4 = PML4 … PT; 2 = PD, PT for PAE).
    private static bool Walk(P2m p2m, ulong table, ulong linear, int levels, int entrySize, bool checkWrite, out ulong gpa)
    {
        gpa = 0;
        for (int level = levels - 1; level >= 0; level--)
        {
            int shift = 12 + 9 * level;
            ulong entry = ReadEntry(p2m, table + ((linear >> shift) & 511) * (ulong)entrySize, entrySize, out bool ok);
            if (!ok || (entry & Present) == 0) return false;
            if (checkWrite && (entry & Writable) == 0) return false;
            // PS on PDPTE (1 GiB, long mode only) or PDE (2 MiB) ends the walk.
            bool large = level > 0 && (entry & LargePage) != 0 && (level == 1 || (level == 2 && levels == 4));
            if (level == 0 || large)
            {
                ulong pageMask = (1UL << shift) - 1;
                gpa = (entry & AddressMask & ~pageMask) | (linear & pageMask);
                return true;
            }
            table = entry & AddressMask;
        }
        return false;
    }

    // Legacy 2-level paging: 4-byte entries; 4 MiB pages when CR4.PSE and PDE.PS.
    private static bool Walk32(P2m p2m, in GuestPagingState s, ulong linear, bool checkWrite, out ulong gpa)
    {
        gpa = 0;
        ulong pde = ReadEntry(p2m, (s.Cr3 & 0xFFFFF000) + ((linear >> 22) & 1023) * 4, 4, out bool ok);
        if (!ok || (pde & Present) == 0 || (checkWrite && (pde & Writable) == 0)) return false;
        if ((pde & LargePage) != 0 && (s.Cr4 & Cr4Pse) != 0)
        {
            gpa = (pde & 0xFFC00000) | (linear & 0x3FFFFF);
            return true;
        }
        ulong pte = ReadEntry(p2m, (pde & 0xFFFFF000) + ((linear >> 12) & 1023) * 4, 4, out ok);
        if (!ok || (pte & Present) == 0 || (checkWrite && (pte & Writable) == 0)) return false;
        gpa = (pte & 0xFFFFF000) | (linear & 0xFFF);
        return true;
    }

    private static ulong ReadEntry(P2m p2m, ulong gpa, int size, out bool ok)
    {
        ulong value = 0;
        ok = p2m.Read(gpa, new Span<byte>(&value, size)) == 0;
        return value;
    }
}
