// Bindings to the privileged-instruction routines in Cpu.s. [RuntimeImport] makes each a direct call to
// the assembly symbol: no marshalling, no transition frame.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Xen.Arch.X86.Hardware;

/// <summary>x86-64 privileged instructions for the hypervisor.</summary>
internal static unsafe class Cpu
{
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_outb")] internal static extern void OutByte(ushort port, byte value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_outw")] internal static extern void OutWord(ushort port, ushort value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_outl")] internal static extern void OutDword(ushort port, uint value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_inb")] internal static extern byte InByte(ushort port);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_inl")] internal static extern uint InDword(ushort port);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_rdmsr")] internal static extern ulong ReadMsr(uint msr);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_wrmsr")] internal static extern void WriteMsr(uint msr, ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_cpuid")] internal static extern void CpuId(uint leaf, uint subleaf, uint* registers);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_cr0")] internal static extern ulong ReadCr0();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_cr2")] internal static extern ulong ReadCr2();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_cr3")] internal static extern ulong ReadCr3();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_read_cr4")] internal static extern ulong ReadCr4();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_cr3")] internal static extern void WriteCr3(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_write_cr4")] internal static extern void WriteCr4(ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_rdtsc")] internal static extern ulong ReadTsc();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_halt")] internal static extern void Halt();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_disable_interrupts")] internal static extern void DisableInterrupts();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_pause")] internal static extern void Pause();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_take_interrupts")] internal static extern void TakeInterrupts();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_idle_wait")] internal static extern void IdleWait();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_cpu_index")] internal static extern int CurrentIndex();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_lidt")] internal static extern void LoadIdt(void* descriptor);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_load_gdt")] internal static extern void LoadGdt();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_image_base")] internal static extern ulong ImageBase();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_symtab_start")] internal static extern byte* SymbolTableStart();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_symtab_limit")] internal static extern byte* SymbolTableLimit();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_modules_start")] internal static extern nint* ModulesStart();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_modules_end")] internal static extern nint* ModulesEnd();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_vector_table_address")] internal static extern ulong* VectorTable();
}
