using System.Text;
using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Public;
using Xen.Core.Tests.Domains;

namespace Xen.Core.Tests.Hypercalls;

public sealed class HypercallTests : IDisposable
{
    private readonly TestDomain _t = new();
    private readonly HypercallDispatcher _dispatcher = HypercallDispatcher.CreateDefault(new HypervisorIdentity
    {
        ExtraVersion = ".0", Capabilities = "hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64", Changeset = "abc123",
        Compiler = "csc", CompileBy = "tester", VirtStart = 0xFFFF800000000000, FeatureSubmap0 = 0x20,
    });

    public void Dispose() => _t.Dispose();

    private long Call(int number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0) =>
        _dispatcher.Dispatch(_t.Vcpu, new HypercallArgs((ulong)number, a0, a1, a2));

    private byte[] Guest(ulong gpa, int length)
    {
        byte[] b = new byte[length];
        Assert.Equal(0, _t.Domain.P2m.Read(gpa, b));
        return b;
    }

    [Fact]
    public void Xen_version_reports_4_7_and_the_page_size()
    {
        Assert.Equal((4 << 16) | 7, Call(HypercallNumber.XenVersion, XenVersionOp.Version));
        Assert.Equal(4096, Call(HypercallNumber.XenVersion, XenVersionOp.PageSize));
    }

    [Theory]
    [InlineData(XenVersionOp.ExtraVersion, 16, ".0")]
    [InlineData(XenVersionOp.Capabilities, 1024, "hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64")]
    [InlineData(XenVersionOp.Changeset, 64, "abc123")]
    public void String_answers_fill_exactly_the_structure_with_nul_padding(int cmd, int size, string text)
    {
        _t.Domain.P2m.Write(0x1000, Enumerable.Repeat((byte)0xEE, 2048).ToArray());
        Assert.Equal(0, Call(HypercallNumber.XenVersion, (ulong)cmd, 0x1000));
        byte[] written = Guest(0x1000, size + 1);
        Assert.Equal(text, Encoding.ASCII.GetString(written, 0, text.Length));
        Assert.All(written.Skip(text.Length).Take(size - text.Length), b => Assert.Equal(0, b));
        Assert.Equal(0xEE, written[size]); // nothing past the structure
    }

    [Fact]
    public void Compile_info_is_144_bytes_with_each_field_at_its_offset()
    {
        _t.Domain.P2m.Write(0x2000, Enumerable.Repeat((byte)0xEE, 200).ToArray());
        Assert.Equal(0, Call(HypercallNumber.XenVersion, XenVersionOp.CompileInfo, 0x2000));
        byte[] info = Guest(0x2000, 145);
        Assert.Equal("csc\0", Encoding.ASCII.GetString(info, 0, 4));
        Assert.Equal("tester\0", Encoding.ASCII.GetString(info, 64, 7));
        Assert.Equal(0, info[80]);
        Assert.Equal(0, info[143]);
        Assert.Equal(0xEE, info[144]);
    }

    [Fact]
    public void Get_features_answers_submap_0_and_zero_for_others()
    {
        _t.Domain.P2m.Write(0x3000, new byte[] { 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF });
        Assert.Equal(0, Call(HypercallNumber.XenVersion, XenVersionOp.GetFeatures, 0x3000));
        Assert.Equal(0, Call(HypercallNumber.XenVersion, XenVersionOp.GetFeatures, 0x3008));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x20, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 }, Guest(0x3000, 16));
    }

    [Fact]
    public void Privileged_and_unknown_sub_ops_are_refused()
    {
        Assert.Equal(-XenErrno.EPERM, Call(HypercallNumber.XenVersion, XenVersionOp.CommandLine, 0x1000));
        Assert.Equal(-XenErrno.ENOSYS, Call(HypercallNumber.XenVersion, 99, 0x1000));
        Assert.Equal(-XenErrno.EPERM, Call(HypercallNumber.ConsoleIo, ConsoleIoOp.Read, 10, 0x1000));
        Assert.Equal(-XenErrno.ENOSYS, Call(HypercallNumber.ConsoleIo, 7, 10, 0x1000));
        Assert.Equal(-XenErrno.ENOSYS, Call(HypercallNumber.SchedOp, 42));
    }

    [Theory]
    [InlineData(HypercallNumber.MemoryOp)]
    [InlineData(HypercallNumber.Count)]
    [InlineData(1000)]
    [InlineData(-1)]
    public void Unimplemented_hypercalls_return_enosys(int number) =>
        Assert.Equal(-XenErrno.ENOSYS, _dispatcher.Dispatch(_t.Vcpu, new HypercallArgs(unchecked((ulong)number))));

    [Theory]
    [InlineData(XenVersionOp.ExtraVersion)]
    [InlineData(XenVersionOp.CompileInfo)]
    [InlineData(XenVersionOp.Capabilities)]
    [InlineData(XenVersionOp.GetFeatures)]
    [InlineData(XenVersionOp.GuestHandle)]
    public void Bad_guest_pointers_get_efault(int cmd)
    {
        Assert.Equal(-XenErrno.EFAULT, Call(HypercallNumber.XenVersion, (ulong)cmd, _t.Domain.P2m.Size - 4));
        Assert.Equal(-XenErrno.EFAULT, Call(HypercallNumber.XenVersion, (ulong)cmd, ulong.MaxValue - 3));
        _t.Backend.UnmappedLinearFrom = 0x5000;
        Assert.Equal(-XenErrno.EFAULT, Call(HypercallNumber.XenVersion, (ulong)cmd, 0x5000 - 4));
    }

    [Fact]
    public void Console_writes_are_printed_per_line_with_the_domain_prefix()
    {
        _t.Domain.P2m.Write(0x4000, "hello\nwor"u8.ToArray());
        _t.Domain.P2m.Write(0x5000, "ld\x1b[2J\n"u8.ToArray());
        Assert.Equal(0, Call(HypercallNumber.ConsoleIo, ConsoleIoOp.Write, 9, 0x4000));
        Assert.Equal(0, Call(HypercallNumber.ConsoleIo, ConsoleIoOp.Write, 7, 0x5000));
        Assert.Equal(new[] { "(d1) hello", "(d1) world.[2J" }, _t.Console.Lines);
    }

    [Fact]
    public void Console_writes_with_bad_buffers_or_huge_counts_fail_cleanly()
    {
        Assert.Equal(-XenErrno.EFAULT, Call(HypercallNumber.ConsoleIo, ConsoleIoOp.Write, 300, _t.Domain.P2m.Size - 100));
        Assert.Equal(-XenErrno.EINVAL, Call(HypercallNumber.ConsoleIo, ConsoleIoOp.Write, ulong.MaxValue, 0));
        Assert.Equal(0, Call(HypercallNumber.ConsoleIo, ConsoleIoOp.Write, 0, 0xDEAD_0000_0000));
    }

    [Fact]
    public void Sched_op_shutdown_records_the_reason_and_stops_the_domain()
    {
        _t.Domain.P2m.Write(0x6000, new byte[] { 1, 0, 0, 0 });
        Assert.Equal(0, Call(HypercallNumber.SchedOp, SchedOp.ShutdownCode, 0x6000));
        Assert.Equal(1, _t.Domain.ShutdownCode);
        Assert.Equal(-XenErrno.EFAULT, Call(HypercallNumber.SchedOp, SchedOp.Shutdown, _t.Domain.P2m.Size));
        Assert.True(_t.Domain.IsAlive);
        _t.Domain.P2m.Write(0x6000, new byte[] { 0, 0, 0, 0 });
        Assert.Equal(0, Call(HypercallNumber.SchedOp, SchedOp.Shutdown, 0x6000));
        Assert.Equal(DomainState.ShutDown, _t.Domain.State);
        Assert.Equal(ShutdownReason.PowerOff, _t.Domain.ShutdownReason);
        Assert.Equal(VcpuState.Down, _t.Vcpu.State);
        Assert.Contains("domain d1: shut down, reason poweroff", _t.Console.Text);
    }

    [Fact]
    public void Sched_op_yield_and_block()
    {
        Assert.Equal(0, Call(HypercallNumber.SchedOp, SchedOp.Yield));
        Assert.Equal(VcpuState.Runnable, _t.Vcpu.State);
        Assert.Equal(0, Call(HypercallNumber.SchedOp, SchedOp.Block));
        Assert.Equal(VcpuState.Blocked, _t.Vcpu.State);
    }

    [Fact]
    public void Dispatcher_counts_calls_per_number()
    {
        Call(HypercallNumber.XenVersion);
        Call(HypercallNumber.XenVersion);
        Assert.Equal(2UL, _dispatcher.CallCount(HypercallNumber.XenVersion));
        var console = new CapturingConsole();
        _dispatcher.PrintStatistics(console);
        Assert.Equal(new[] { "hypercall 17: 2 calls" }, console.Lines);
    }

    [Fact]
    public void Platform_parameters_are_8_bytes_for_64_bit_and_4_bytes_for_compat_callers()
    {
        _t.Domain.P2m.Write(0x7000, Enumerable.Repeat((byte)0xEE, 16).ToArray());
        Assert.Equal(0, Call(HypercallNumber.XenVersion, XenVersionOp.PlatformParameters, 0x7000));
        Assert.Equal(0xFFFF800000000000UL, BitConverter.ToUInt64(Guest(0x7000, 8)));
        _t.Domain.P2m.Write(0x7000, Enumerable.Repeat((byte)0xEE, 16).ToArray());
        var compat = new HypercallArgs(HypercallNumber.XenVersion, XenVersionOp.PlatformParameters, 0x7000) { IsCompat = true };
        Assert.Equal(0, _dispatcher.Dispatch(_t.Vcpu, compat));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0xEE }, Guest(0x7000, 5));
    }
}
