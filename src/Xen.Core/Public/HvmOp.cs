// hvm_op (hypercall 34) sub-operations, HVM parameter indexes and argument layouts
// (xen/include/public/hvm/hvm_op.h, hvm/params.h).
namespace Xen.Core.Public;

/// <summary>HVMOP_* numbers, HVM_PARAM_* indexes and structure sizes.</summary>
public static class HvmOp
{
    /// <summary>HVMOP_set_param.</summary>
    public const int SetParam = 0;
    /// <summary>HVMOP_get_param.</summary>
    public const int GetParam = 1;
    /// <summary>HVMOP_set_evtchn_upcall_vector.</summary>
    public const int SetEvtchnUpcallVector = 23;

    // struct xen_hvm_param: domid_t domid @0, uint32_t index @4, uint64_t value @8 (16 bytes, same for
    // 32-bit callers).
    /// <summary>sizeof(struct xen_hvm_param).</summary>
    public const int ParamSize = 16;

    // struct xen_hvm_evtchn_upcall_vector: uint32_t vcpu @0, uint8_t vector @4.
    /// <summary>Bytes of struct xen_hvm_evtchn_upcall_vector read.</summary>
    public const int UpcallVectorSize = 5;

    /// <summary>Vectors below 0x10 are refused for upcalls (Xen: exceptions and the legacy range).</summary>
    public const byte MinUpcallVector = 0x10;

#pragma warning disable CS1591 // params.h names
    public const uint ParamCallbackIrq = 0;
    public const uint ParamStorePfn = 1;
    public const uint ParamStoreEvtchn = 2;
    public const uint ParamVm86Tss = 15;
    public const uint ParamConsolePfn = 17;
    public const uint ParamConsoleEvtchn = 18;
    public const uint ParamAcpiIoportsLocation = 19;
    public const uint ParamVmGenerationIdAddr = 34;
    public const uint ParamAltp2m = 35;
    public const uint ParamX87FipWidth = 36;
#pragma warning restore CS1591

    /// <summary>HVM_NR_PARAMS in Xen 4.7 (X87_FIP_WIDTH, 36, is the last).</summary>
    public const int ParamCount = 37;

    /// <summary>HVM_PARAM_CALLBACK_IRQ: the delivery type sits in bits 63:56 (params.h).</summary>
    public const int CallbackTypeShift = 56;
    /// <summary>HVM_PARAM_CALLBACK_TYPE_VECTOR: bits 7:0 are an x86 vector.</summary>
    public const ulong CallbackTypeVector = 2;
}
