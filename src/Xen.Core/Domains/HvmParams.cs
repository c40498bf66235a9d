// A domain's HVM parameters (xen/include/public/hvm/params.h): values the toolstack/builder sets and the
// guest reads (xenstore and console rings), plus the upcall route the guest chooses. Only the domain's own
// vCPUs and the builder touch them.
using Xen.Core.Public;

namespace Xen.Core.Domains;

/// <summary>HVM_PARAM_* values of one domain.</summary>
public sealed class HvmParams
{
    private readonly ulong[] _values = new ulong[HvmOp.ParamCount];

    /// <summary>The value of parameter <paramref name="index"/> (callers checked the range).</summary>
    public ulong this[uint index]
    {
        get => _values[index];
        set => _values[index] = value;
    }

    /// <summary>The vector HVM_PARAM_CALLBACK_IRQ names when its type is HVM_PARAM_CALLBACK_TYPE_VECTOR, else 0.</summary>
    public byte CallbackVector
    {
        get
        {
            ulong via = _values[HvmOp.ParamCallbackIrq];
            return (via >> HvmOp.CallbackTypeShift) == HvmOp.CallbackTypeVector ? (byte)via : (byte)0;
        }
    }
}
