// struct vcpu_hvm_context (xen/include/public/hvm/hvm_vcpu.h): the register state VCPUOP_initialise takes
// for an HVM/PVH vCPU since Xen 4.7. uint32_t mode @0, uint32_t pad @4, then the cpu_regs union @8:
//   vcpu_hvm_x86_32 (120 bytes): eax ecx edx ebx esp ebp esi edi eip eflags @0-36, cr0 @40, cr3 @44, cr4 @48,
//     pad1 @52, uint64_t efer @56, {cs,ds,ss,es,tr}_base @64-80, {cs,ds,ss,es,tr}_limit @84-100,
//     uint16_t {cs,ds,ss,es,tr}_ar @104-112, uint16_t pad2[3] @114.
//   vcpu_hvm_x86_64 (112 bytes): rax rcx rdx rbx rsp rbp rsi rdi rip rflags cr0 cr3 cr4 efer, 8 bytes each.
// _ar layout: type [3:0], s 4, dpl [6:5], p 7, avl 8, l 9, db 10, g 11, bits 12-15 must be zero.
namespace Xen.Core.Public;

/// <summary>vcpu_hvm_context offsets.</summary>
public static class HvmVcpuContext
{
    /// <summary>sizeof(struct vcpu_hvm_context).</summary>
    public const int Size = 128;
    /// <summary>VCPU_HVM_MODE_32B.</summary>
    public const uint Mode32 = 0;
    /// <summary>VCPU_HVM_MODE_64B.</summary>
    public const uint Mode64 = 1;

#pragma warning disable CS1591 // field names are the header's
    public const int ModeField = 0, Pad = 4, Regs = 8;

    // vcpu_hvm_x86_32, relative to Regs.
    public const int Eax = 0, Ecx = 4, Edx = 8, Ebx = 12, Esp = 16, Ebp = 20, Esi = 24, Edi = 28, Eip = 32, Eflags = 36;
    public const int Cr0_32 = 40, Cr3_32 = 44, Cr4_32 = 48, Pad1 = 52, Efer_32 = 56;
    public const int BaseFields = 64, LimitFields = 84, ArFields = 104, Pad2 = 114;
    /// <summary>Segment order inside the base/limit/ar arrays: cs, ds, ss, es, tr.</summary>
    public const int SegCs = 0, SegDs = 1, SegSs = 2, SegEs = 3, SegTr = 4;

    // vcpu_hvm_x86_64, relative to Regs.
    public const int Rax = 0, Rcx = 8, Rdx = 16, Rbx = 24, Rsp = 32, Rbp = 40, Rsi = 48, Rdi = 56, Rip = 64, Rflags = 72;
    public const int Cr0_64 = 80, Cr3_64 = 88, Cr4_64 = 96, Efer_64 = 104;
#pragma warning restore CS1591
}
