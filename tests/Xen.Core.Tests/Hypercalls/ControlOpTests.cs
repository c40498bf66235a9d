using Xen.Core.Public;
using Xen.Core.Tests.Time;

namespace Xen.Core.Tests.Hypercalls;

public sealed class ControlOpTests : IDisposable
{
    private const ulong Arg = TimeWorld.Arg;
    private const ulong Unmapped = 0x7FFF_0000;
    private readonly TimeWorld _w = new();

    public ControlOpTests() => _w.Backends[0].UnmappedLinearFrom = Unmapped;

    public void Dispose() => _w.Dispose();

    private long Control(int number, uint cmd, uint version, ushort domid = 1)
    {
        _w.Put(Arg, new byte[160]);
        _w.Put32(Arg, cmd);
        _w.Put32(Arg + 4, version);
        _w.Put(Arg + 8, (byte)domid, (byte)(domid >> 8));
        return _w.Call(_w.V0, number, Arg);
    }

    [Theory]
    [InlineData(HypercallNumber.Sysctl, ControlOps.SysctlInterfaceVersion, ControlOps.SysctlSize)]
    [InlineData(HypercallNumber.Domctl, ControlOps.DomctlInterfaceVersion, ControlOps.DomctlSize)]
    [InlineData(HypercallNumber.PlatformOp, ControlOps.PlatformInterfaceVersion, ControlOps.PlatformOpSize)]
    public void Control_hypercalls_copy_then_check_the_version_then_refuse_unprivileged_callers(int number, uint version, int size)
    {
        Assert.Equal(-XenErrno.EFAULT, _w.Call(_w.V0, number, Unmapped - (ulong)size + 1)); // last byte unmapped
        Assert.Equal(-XenErrno.EACCES, Control(number, 1, version + 1));
        Assert.Equal(-XenErrno.EACCES, Control(number, 1, 0));
        Assert.Equal(-XenErrno.EPERM, Control(number, 1, version));
        Assert.Equal(-XenErrno.EPERM, Control(number, uint.MaxValue, version));
        _w.Domain.IsPrivileged = true;
        Assert.Equal(-XenErrno.ENOSYS, Control(number, 1, version)); // past the gate: not implemented
    }

    [Fact]
    public void Domctl_looks_the_target_up_before_the_privilege_check()
    {
        const uint GetVcpuInfo = 14, GetDomainInfo = 5;
        Assert.Equal(-XenErrno.ESRCH, Control(HypercallNumber.Domctl, GetVcpuInfo, ControlOps.DomctlInterfaceVersion, 77));
        Assert.Equal(-XenErrno.ESRCH, Control(HypercallNumber.Domctl, GetVcpuInfo, ControlOps.DomctlInterfaceVersion, MemoryOp.DomidSelf));
        Assert.Equal(-XenErrno.EPERM, Control(HypercallNumber.Domctl, GetVcpuInfo, ControlOps.DomctlInterfaceVersion, 1));
        Assert.Equal(-XenErrno.EPERM, Control(HypercallNumber.Domctl, GetDomainInfo, ControlOps.DomctlInterfaceVersion, 77));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(13UL)]
    [InlineData(0xFFFF_FFFFUL)]
    public void Physdev_op_is_ENOSYS_for_pvh_domains(ulong cmd)
    {
        Assert.Equal(-XenErrno.ENOSYS, _w.Call(_w.V0, HypercallNumber.PhysdevOp, cmd, Unmapped));
        _w.Domain.IsPrivileged = true;
        Assert.Equal(-XenErrno.ENOSYS, _w.Call(_w.V0, HypercallNumber.PhysdevOp, cmd, Arg));
    }
}
