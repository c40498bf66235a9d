// Bindings to the routines in SystemRegisters.s. [RuntimeImport] makes each a direct `bl` to the assembly
// symbol: no marshalling, no transition frame (shared/notes/toolchain-arm64.md, binding style 1).
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Xen.Arch.Arm.Hardware;

/// <summary>AArch64 system registers, barriers and device access for the hypervisor at EL2.</summary>
internal static unsafe class SystemRegisters
{
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_current_el")] internal static extern ulong CurrentEl();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_midr_el1")] internal static extern ulong Midr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_id_aa64mmfr0_el1")] internal static extern ulong IdAa64Mmfr0();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_cntpct_el0")] internal static extern ulong CounterValue();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_cntfrq_el0")] internal static extern ulong CounterFrequency();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_hcr_el2")] internal static extern ulong ReadHcr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_vbar_el2")] internal static extern ulong ReadVbar();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_esr_el2")] internal static extern ulong ReadEsr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_far_el2")] internal static extern ulong ReadFar();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_elr_el2")] internal static extern ulong ReadElr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_spsr_el2")] internal static extern ulong ReadSpsr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_sctlr_el2")] internal static extern ulong ReadSctlr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_tcr_el2")] internal static extern ulong ReadTcr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_mair_el2")] internal static extern ulong ReadMair();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_ttbr0_el2")] internal static extern ulong ReadTtbr0();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_sctlr_el2")] internal static extern void WriteSctlr(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_tcr_el2")] internal static extern void WriteTcr(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_mair_el2")] internal static extern void WriteMair(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_ttbr0_el2")] internal static extern void WriteTtbr0(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_tlbi_alle2")] internal static extern void InvalidateEl2Tlb();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_dsb_sy")] internal static extern void FullBarrier();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_mmio_read32")] internal static extern uint MmioRead32(ulong address);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_mmio_write32")] internal static extern void MmioWrite32(ulong address, uint value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_smc")] internal static extern ulong SecureMonitorCall(ulong function, ulong arg1, ulong arg2, ulong arg3);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_semihost")] internal static extern ulong Semihost(ulong operation, ulong parameter);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_zero_pages")] internal static extern bool ZeroPages(ulong address, ulong bytes);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_wait_for_event")] internal static extern void WaitForEvent();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_disable_interrupts")] internal static extern void DisableInterrupts();

    // GICv3 CPU interface (ICC_*), its virtualization controls (ICH_*) and the EL2/virtual timers.
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_mpidr_el1")] internal static extern ulong Mpidr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_ich_vtr_el2")] internal static extern ulong ReadIchVtr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_ich_vmcr_el2")] internal static extern ulong ReadIchVmcr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_ich_elrsr_el2")] internal static extern ulong ReadIchElrsr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_ich_misr_el2")] internal static extern ulong ReadIchMisr();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_ich_ap1r0_el2")] internal static extern ulong ReadIchAp1r0();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_ich_ap0r0_el2")] internal static extern ulong ReadIchAp0r0();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_icc_iar1_el1")] internal static extern ulong ReadIccIar1();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_cntvoff_el2")] internal static extern ulong ReadCntvoff();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_cntv_ctl_el0")] internal static extern ulong ReadCntvCtl();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_icc_sre_el2")] internal static extern void WriteIccSreEl2(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_icc_pmr_el1")] internal static extern void WriteIccPmr(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_icc_bpr1_el1")] internal static extern void WriteIccBpr1(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_icc_ctlr_el1")] internal static extern void WriteIccCtlr(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_icc_igrpen1_el1")] internal static extern void WriteIccIgrpen1(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_icc_eoir1_el1")] internal static extern void WriteIccEoir1(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_ich_hcr_el2")] internal static extern void WriteIchHcr(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_ich_vmcr_el2")] internal static extern void WriteIchVmcr(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_ich_ap1r0_el2")] internal static extern void WriteIchAp1r0(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_ich_ap0r0_el2")] internal static extern void WriteIchAp0r0(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_cnthp_ctl_el2")] internal static extern void WriteCnthpCtl(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_cnthp_cval_el2")] internal static extern void WriteCnthpCval(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_cntv_ctl_el0")] internal static extern void WriteCntvCtl(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_ich_lr_read")] internal static extern ulong ReadIchLr(int index);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_ich_lr_write")] internal static extern void WriteIchLr(int index, ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_wait_for_interrupt")] internal static extern void WaitForInterrupt();

    // Image layout (linker-script symbols, see Boot/link.ld).
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_image_base")] internal static extern ulong ImageBase();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_image_end")] internal static extern ulong ImageEnd();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_symtab_start")] internal static extern byte* SymbolTableStart();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_symtab_limit")] internal static extern byte* SymbolTableLimit();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_modules_start")] internal static extern nint* ModulesStart();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_modules_end")] internal static extern nint* ModulesEnd();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_vector_table_address")] internal static extern ulong VectorTable();
}
