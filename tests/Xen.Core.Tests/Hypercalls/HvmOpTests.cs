using Xen.Core.Hypercalls;
using Xen.Core.Public;
using Xen.Core.Tests.Domains;

namespace Xen.Core.Tests.Hypercalls;

public sealed class HvmOpTests : IDisposable
{
    private readonly TestDomain _t = new();
    private readonly HypercallDispatcher _dispatcher = HypercallDispatcher.CreateDefault(new HypervisorIdentity());

    public void Dispose() => _t.Dispose();

    private long Call(ulong op, ulong arg) => _dispatcher.Dispatch(_t.Vcpu, new HypercallArgs(HypercallNumber.HvmOp, op, arg));

    private long Param(int op, uint index, ulong value = 0, ushort domid = MemoryOp.DomidSelf)
    {
        byte[] a = new byte[16];
        BitConverter.GetBytes(domid).CopyTo(a, 0);
        BitConverter.GetBytes(index).CopyTo(a, 4);
        BitConverter.GetBytes(value).CopyTo(a, 8);
        Assert.Equal(0, _t.Domain.P2m.Write(0x1000, a));
        return Call((ulong)op, 0x1000);
    }

    private ulong ReadBackValue()
    {
        byte[] v = new byte[8];
        _t.Domain.P2m.Read(0x1008, v);
        return BitConverter.ToUInt64(v);
    }

    [Theory]
    [InlineData(HvmOp.ParamStorePfn)]
    [InlineData(HvmOp.ParamStoreEvtchn)]
    [InlineData(HvmOp.ParamConsolePfn)]
    [InlineData(HvmOp.ParamConsoleEvtchn)]
    [InlineData(HvmOp.ParamCallbackIrq)]
    public void A_guest_reads_the_params_the_builder_set(uint index)
    {
        _t.Domain.HvmParams[index] = 0xFEFF0 + index;
        Assert.Equal(0, Param(HvmOp.GetParam, index));
        Assert.Equal(0xFEFF0 + index, ReadBackValue());
        Assert.Equal(0, Param(HvmOp.GetParam, index, domid: 1)); // its own id works like DOMID_SELF
    }

    [Theory]
    [InlineData(HvmOp.ParamStorePfn)]
    [InlineData(HvmOp.ParamConsolePfn)]
    [InlineData(3u)]   // PAE_ENABLED and other toolstack parameters
    [InlineData(12u)]
    public void Toolstack_owned_params_cannot_be_set_by_the_guest(uint index)
    {
        _t.Domain.HvmParams[index] = 5;
        Assert.Equal(-XenErrno.EPERM, Param(HvmOp.SetParam, index, 99));
        Assert.Equal(5UL, _t.Domain.HvmParams[index]);
    }

    [Fact]
    public void Callback_via_vector_is_recorded()
    {
        ulong via = (HvmOp.CallbackTypeVector << HvmOp.CallbackTypeShift) | 0xF3;
        Assert.Equal(0, Param(HvmOp.SetParam, HvmOp.ParamCallbackIrq, via));
        Assert.Equal(0xF3, _t.Domain.HvmParams.CallbackVector);
        Assert.Equal(0, Param(HvmOp.SetParam, HvmOp.ParamCallbackIrq, 9)); // a GSI: no vector
        Assert.Equal(0, _t.Domain.HvmParams.CallbackVector);
        Assert.Equal(0, Param(HvmOp.SetParam, HvmOp.ParamConsoleEvtchn, 7)); // guest-settable
    }

    [Fact]
    public void Hostile_param_arguments()
    {
        Assert.Equal(-XenErrno.EINVAL, Param(HvmOp.GetParam, HvmOp.ParamCount));
        Assert.Equal(-XenErrno.EINVAL, Param(HvmOp.SetParam, uint.MaxValue));
        Assert.Equal(-XenErrno.ESRCH, Param(HvmOp.GetParam, HvmOp.ParamStorePfn, domid: 7));
        Assert.Equal(-XenErrno.EPERM, Param(HvmOp.GetParam, 12)); // not guest-readable
        Assert.Equal(-XenErrno.EFAULT, Call(HvmOp.GetParam, _t.Domain.P2m.Size - 8));
        Assert.Equal(-XenErrno.ENOSYS, Call(99, 0x1000));
    }

    [Fact]
    public void Upcall_vector_per_vcpu()
    {
        _t.Domain.P2m.Write(0x2000, new byte[] { 0, 0, 0, 0, 0xF3 });
        Assert.Equal(0, Call(HvmOp.SetEvtchnUpcallVector, 0x2000));
        Assert.Equal(0xF3, _t.Vcpu.UpcallVector);
        _t.Domain.P2m.Write(0x2000, new byte[] { 0, 0, 0, 0, 0x0F });
        Assert.Equal(-XenErrno.EINVAL, Call(HvmOp.SetEvtchnUpcallVector, 0x2000));
        _t.Domain.P2m.Write(0x2000, new byte[] { 1, 0, 0, 0, 0xF3 });
        Assert.Equal(-XenErrno.ENOENT, Call(HvmOp.SetEvtchnUpcallVector, 0x2000));
        Assert.Equal(-XenErrno.EFAULT, Call(HvmOp.SetEvtchnUpcallVector, _t.Domain.P2m.Size - 2));
    }
}
