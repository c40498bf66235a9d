using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Public;
using Xen.Core.Tests.Time;
using Xen.Core.Time;

namespace Xen.Core.Tests.Hypercalls;

public sealed class VcpuOpTests : IDisposable
{
    private const ulong Arg = TimeWorld.Arg;
    private const ulong Unmapped = 0x7FFF_0000;
    private readonly TimeWorld _w = new();

    public VcpuOpTests() => _w.Backends[0].UnmappedLinearFrom = Unmapped;

    public void Dispose() => _w.Dispose();

    private Vcpu V1 => _w.Domain.Vcpus[1];

    private long Initialise(uint vcpu, byte[] context)
    {
        _w.Put(Arg, context);
        return _w.VcpuOp(VcpuOp.Initialise, vcpu);
    }

    [Theory]
    [InlineData(2UL)]
    [InlineData(31UL)]
    [InlineData(0xFFFF_FFFFUL)]
    [InlineData(0x1_0000_0005UL)]
    public void Every_command_on_a_vcpu_the_domain_lacks_is_ENOENT(ulong vcpu)
    {
        for (int cmd = 0; cmd <= 14; cmd++)
            Assert.Equal(-XenErrno.ENOENT, _w.Call(_w.V0, HypercallNumber.VcpuOp, (ulong)cmd, vcpu, Arg));
    }

    [Fact]
    public void The_vcpu_id_is_an_unsigned_int_so_high_register_bits_are_ignored()
    {
        Assert.Equal(1, _w.Call(_w.V0, HypercallNumber.VcpuOp, VcpuOp.IsUp, 1UL << 32, 0));
    }

    [Theory]
    [InlineData(VcpuOp.SendNmi)]
    [InlineData(VcpuOp.GetPhysid)]
    [InlineData(14)]
    [InlineData(-1)]
    public void Commands_Xen_47_refuses_for_hvm_vcpus_are_ENOSYS(int cmd) =>
        Assert.Equal(-XenErrno.ENOSYS, _w.VcpuOp(cmd, 0));

    [Fact]
    public void Initialise_loads_a_64_bit_context_into_the_backend_and_leaves_the_vcpu_down()
    {
        Assert.Equal(0, Initialise(1, HvmContexts.Long64()));
        VcpuBootState boot = _w.Backends[1].Boot!.Value;
        Assert.Equal(VcpuBootMode.Hvm64, boot.Mode);
        Assert.Equal(0x200000UL, boot.EntryPoint);
        Assert.Equal(0x9000UL, boot.Rsp);
        Assert.Equal(0xB0BUL, boot.Rbx);
        Assert.Equal(0x100000UL, boot.Cr3);
        Assert.Equal(0x500UL, boot.Efer); // LME → LMA
        Assert.Equal((ushort)0xA9B, boot.Cs.Attributes);
        Assert.Equal((ushort)0x8B, boot.Tr.Attributes);
        Assert.True(V1.IsInitialised);
        Assert.Equal(VcpuState.Down, V1.State);
        Assert.Equal(0, _w.VcpuOp(VcpuOp.IsUp, 1));
    }

    [Fact]
    public void Initialise_twice_is_EEXIST_and_the_boot_vcpu_is_already_initialised()
    {
        Assert.Equal(0, Initialise(1, HvmContexts.Long64()));
        Assert.Equal(-XenErrno.EEXIST, Initialise(1, HvmContexts.Long64()));
        Assert.Equal(-XenErrno.EEXIST, Initialise(0, HvmContexts.Long64()));
        Assert.Equal(-XenErrno.EEXIST, Initialise(0, new byte[128])); // -EEXIST before the context is checked
    }

    [Fact]
    public void Initialise_with_an_unreadable_context_is_EFAULT()
    {
        Assert.Equal(-XenErrno.EFAULT, _w.VcpuOp(VcpuOp.Initialise, 1, Unmapped));
        Assert.Equal(-XenErrno.EFAULT, _w.VcpuOp(VcpuOp.Initialise, 1, Unmapped - 64)); // straddles the hole
        Assert.Equal(-XenErrno.EFAULT, _w.VcpuOp(VcpuOp.Initialise, 0, Unmapped)); // before -EEXIST, as Xen
        Assert.False(V1.IsInitialised);
    }

    public static IEnumerable<object[]> BadContexts()
    {
        byte[] c;
        c = HvmContexts.Long64(); HvmContexts.Put32(c, 0, 2); yield return new object[] { "mode 2", c };
        c = HvmContexts.Long64(); HvmContexts.Put32(c, 0, 0xFFFFFFFF); yield return new object[] { "mode -1", c };
        c = HvmContexts.Long64(); HvmContexts.Put32(c, 4, 1); yield return new object[] { "pad", c };
        yield return new object[] { "non-canonical rip", HvmContexts.Long64(rip: 0x0000_8000_0000_0000) };
        yield return new object[] { "paging off", HvmContexts.Long64(cr0: 0x11) };
        yield return new object[] { "no PAE", HvmContexts.Long64(cr4: 0) };
        yield return new object[] { "no LME", HvmContexts.Long64(efer: 0) };
        c = HvmContexts.Flat32(); HvmContexts.Put32(c, 8 + 52, 1); yield return new object[] { "32-bit pad1", c };
        c = HvmContexts.Flat32(); c[8 + 116] = 1; yield return new object[] { "32-bit pad2", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 0, 0x1C9B); yield return new object[] { "ar bits 12-15", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 0, 0xC93); yield return new object[] { "data segment in CS", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 0, 0x41B); yield return new object[] { "CS not present", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 2, 0xC91); yield return new object[] { "read-only SS", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 2, 0xCF3); yield return new object[] { "SS.DPL 3 with CS.DPL 0", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 1, 0xCF3); yield return new object[] { "DS.DPL above CS.DPL", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 1, 0xC99); yield return new object[] { "execute-only DS", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 4, 0xC93); yield return new object[] { "TR a data segment", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 4, 0x83); yield return new object[] { "TR not a TSS", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 1, 0); yield return new object[] { "null DS (Xen 4.7 ORs accessed in first)", c };
        c = HvmContexts.Flat32(); HvmContexts.SetAr(c, 0, 0); yield return new object[] { "null CS", c };
        c = HvmContexts.Flat32(); HvmContexts.Put32(c, 8 + 84, 0xFFFFF); HvmContexts.SetAr(c, 0, 0x49B);
        HvmContexts.Put32(c, 8 + 32, 0x100000); yield return new object[] { "EIP past a byte-granular CS limit", c };
        c = HvmContexts.Flat32(); HvmContexts.Put64(c, 8 + 56, 1 << 10); yield return new object[] { "EFER.LMA without LME", c };
    }

    [Theory]
    [MemberData(nameof(BadContexts))]
    public void Initialise_with_a_context_Xen_rejects_is_EINVAL_and_changes_nothing(string why, byte[] context)
    {
        Assert.True(Initialise(1, context) == -XenErrno.EINVAL, why);
        Assert.False(V1.IsInitialised);
        Assert.Null(_w.Backends[1].Boot);
    }

    [Fact]
    public void Initialise_accepts_a_flat_32_bit_context_with_g_scaled_limits()
    {
        Assert.Equal(0, Initialise(1, HvmContexts.Flat32(eip: 0xFFFF_F000)));
        VcpuBootState boot = _w.Backends[1].Boot!.Value;
        Assert.Equal(VcpuBootMode.Hvm32, boot.Mode);
        Assert.Equal(0xFFFF_F000UL, boot.EntryPoint);
        Assert.Equal(0x1234UL, boot.Rbx);
        Assert.Equal((ushort)0xC9B, boot.Cs.Attributes);
        Assert.Equal((ushort)0x8B, boot.Tr.Attributes); // busy bit OR'd in
        Assert.Equal(0x67u, boot.Tr.Limit);
    }

    [Fact]
    public void Up_needs_an_initialised_vcpu_then_makes_it_runnable_and_down_stops_it()
    {
        Assert.Equal(-XenErrno.EINVAL, _w.VcpuOp(VcpuOp.Up, 1));
        Assert.Equal(VcpuState.Down, V1.State);
        Assert.Equal(0, Initialise(1, HvmContexts.Long64()));
        Assert.Equal(0, _w.VcpuOp(VcpuOp.Up, 1));
        Assert.Equal(VcpuState.Runnable, V1.State);
        Assert.Equal(1, _w.VcpuOp(VcpuOp.IsUp, 1));
        Assert.Equal(0, _w.VcpuOp(VcpuOp.Up, 1)); // already up: no-op
        Assert.Equal(0, _w.VcpuOp(VcpuOp.Down, 1));
        Assert.Equal(VcpuState.Down, V1.State);
        Assert.Equal(0, _w.VcpuOp(VcpuOp.IsUp, 1));
        Assert.Equal(0, _w.VcpuOp(VcpuOp.Up, 1));
        Assert.True(V1.IsRunnable);
    }

    [Fact]
    public void A_vcpu_without_a_vcpu_info_cannot_be_initialised_until_one_is_registered()
    {
        using var w = new TimeWorld(vcpus: 33);
        Assert.False(w.Shared.HasVcpuInfo(32));
        w.Put(Arg, HvmContexts.Long64());
        Assert.Equal(-XenErrno.EINVAL, w.VcpuOp(VcpuOp.Initialise, 32));
        w.Put(0x2000, new byte[16]);
        w.Put64(0x2000, 0x20); // gfn
        w.Put32(0x2008, 128);  // offset
        Assert.Equal(0, w.VcpuOp(VcpuOp.RegisterVcpuInfo, 32, 0x2000)); // vCPU 32 is down: allowed
        Assert.True(w.Shared.HasVcpuInfo(32));
        Assert.Equal(1, w.Get(0x20 * 4096 + 128 + SharedInfoLayout.UpcallMask, 1)[0]); // fresh: masked
        Assert.Equal(0, w.VcpuOp(VcpuOp.Initialise, 32));
    }

    private void PutSingleShot(ulong timeout, uint flags)
    {
        _w.Put64(Arg, timeout);
        _w.Put64(Arg + 8, flags);
    }

    [Fact]
    public void Singleshot_with_the_future_flag_and_a_past_deadline_is_ETIME()
    {
        _w.Clock.Now = 5_000_000;
        PutSingleShot(4_999_999, VcpuOp.SingleshotFuture);
        Assert.Equal(-XenErrno.ETIME, _w.VcpuOp(VcpuOp.SetSingleshotTimer, 0));
        Assert.Equal(VcpuTimers.Disarmed, _w.V0.Timers.SingleShotDeadline);
        PutSingleShot(0x8000_0000_0000_0000, VcpuOp.SingleshotFuture); // negative s_time_t
        Assert.Equal(-XenErrno.ETIME, _w.VcpuOp(VcpuOp.SetSingleshotTimer, 0));
        PutSingleShot(5_000_000, VcpuOp.SingleshotFuture); // now is not in the past
        Assert.Equal(0, _w.VcpuOp(VcpuOp.SetSingleshotTimer, 0));
        Assert.Equal(5_000_000UL, _w.V0.Timers.SingleShotDeadline);
    }

    [Fact]
    public void Singleshot_without_the_flag_and_a_past_deadline_fires_at_once()
    {
        uint port = _w.BindTimer(0);
        _w.Clock.Now = 5_000_000;
        PutSingleShot(1, 0);
        Assert.Equal(0, _w.VcpuOp(VcpuOp.SetSingleshotTimer, 0));
        Assert.Equal(1, _w.Timers.FireExpired(_w.Clock.Now));
        Assert.True(_w.Pending(port));
    }

    [Fact]
    public void Singleshot_on_another_vcpu_is_EINVAL_and_a_bad_pointer_EFAULT()
    {
        PutSingleShot(10, 0);
        Assert.Equal(-XenErrno.EINVAL, _w.VcpuOp(VcpuOp.SetSingleshotTimer, 1));
        Assert.Equal(-XenErrno.EINVAL, _w.VcpuOp(VcpuOp.StopSingleshotTimer, 1));
        Assert.Equal(-XenErrno.EFAULT, _w.VcpuOp(VcpuOp.SetSingleshotTimer, 0, Unmapped - 8));
        Assert.Equal(0, _w.VcpuOp(VcpuOp.SetSingleshotTimer, 0));
        Assert.Equal(0, _w.VcpuOp(VcpuOp.StopSingleshotTimer, 0));
        Assert.Equal(VcpuTimers.Disarmed, _w.V0.Timers.SingleShotDeadline);
    }

    [Fact]
    public void Periodic_periods_below_one_millisecond_are_EINVAL()
    {
        _w.Put64(Arg, 999_999);
        Assert.Equal(-XenErrno.EINVAL, _w.VcpuOp(VcpuOp.SetPeriodicTimer, 0));
        _w.Put64(Arg, 0);
        Assert.Equal(-XenErrno.EINVAL, _w.VcpuOp(VcpuOp.SetPeriodicTimer, 0));
        _w.Put64(Arg, 1_000_000);
        Assert.Equal(0, _w.VcpuOp(VcpuOp.SetPeriodicTimer, 0));
        Assert.Equal(0, _w.VcpuOp(VcpuOp.SetPeriodicTimer, 1)); // any vCPU of the domain may be set
        Assert.Equal(1_000_000UL, V1.Timers.PeriodicPeriod);
        _w.Put64(Arg, ulong.MaxValue); // huge: saturates instead of wrapping into the past
        Assert.Equal(0, _w.VcpuOp(VcpuOp.SetPeriodicTimer, 0));
        Assert.True(_w.V0.Timers.PeriodicDeadline > _w.Clock.Now);
        Assert.Equal(-XenErrno.EFAULT, _w.VcpuOp(VcpuOp.SetPeriodicTimer, 0, Unmapped));
        Assert.Equal(0, _w.VcpuOp(VcpuOp.StopPeriodicTimer, 0));
        Assert.Equal(VcpuTimers.Disarmed, _w.V0.Timers.PeriodicDeadline);
    }

    [Fact]
    public void Timer_commands_without_a_timer_queue_are_ENOSYS_but_the_rest_works()
    {
        var dispatcher = HypercallDispatcher.CreateDefault(new HypervisorIdentity(), _w.Domains);
        _w.Put64(Arg, 10_000_000);
        Assert.Equal(-XenErrno.ENOSYS, dispatcher.Dispatch(_w.V0, new HypercallArgs(HypercallNumber.VcpuOp, VcpuOp.SetPeriodicTimer, 0, Arg)));
        Assert.Equal(-XenErrno.ENOSYS, dispatcher.Dispatch(_w.V0, new HypercallArgs(HypercallNumber.VcpuOp, VcpuOp.SetSingleshotTimer, 0, Arg)));
        Assert.Equal(1, dispatcher.Dispatch(_w.V0, new HypercallArgs(HypercallNumber.VcpuOp, VcpuOp.IsUp, 0)));
    }

    private long RegisterVcpuInfo(uint vcpu, ulong gfn, uint offset, Vcpu? caller = null)
    {
        _w.Put(0x2000, new byte[16]);
        _w.Put64(0x2000, gfn);
        _w.Put32(0x2008, offset);
        return _w.VcpuOp(VcpuOp.RegisterVcpuInfo, vcpu, 0x2000, caller);
    }

    [Fact]
    public void Register_vcpu_info_moves_events_and_time_to_the_guest_page()
    {
        _w.Shared.WriteVcpuByte(0, SharedInfoLayout.UpcallMask, 1); // carried over
        Assert.Equal(0, RegisterVcpuInfo(0, 0x30, 4032));
        ulong info = 0x30 * 4096 + 4032;
        Assert.Equal(1, _w.Get(info + SharedInfoLayout.UpcallMask, 1)[0]);
        Assert.Equal(ulong.MaxValue, BitConverter.ToUInt64(_w.Get(info + SharedInfoLayout.PendingSelector, 8)));
        Assert.Equal(1, _w.Get(info + SharedInfoLayout.UpcallPending, 1)[0]); // vcpu_mark_events_pending
        _w.Clock.Now = 42_000;
        _w.Timers.OnScheduled(_w.V0);
        Assert.Equal(42_000UL, BitConverter.ToUInt64(_w.Get(info + SharedInfoLayout.Time + SharedInfoLayout.TimeSystemTime, 8)));
        Assert.Equal(-XenErrno.EINVAL, RegisterVcpuInfo(0, 0x31, 0)); // only once per vCPU
    }

    [Fact]
    public void Register_vcpu_info_rejects_what_map_vcpu_info_rejects()
    {
        Assert.Equal(-XenErrno.EINVAL, RegisterVcpuInfo(0, 0x30, 4033));          // crosses the page
        Assert.Equal(-XenErrno.EINVAL, RegisterVcpuInfo(0, 0x30, 0xFFFF_FFFF));
        Assert.Equal(-XenErrno.EINVAL, RegisterVcpuInfo(0, 256, 0));              // beyond the P2M
        Assert.Equal(-XenErrno.EINVAL, RegisterVcpuInfo(0, ulong.MaxValue, 0));
        V1.State = VcpuState.Runnable;
        Assert.Equal(-XenErrno.EINVAL, RegisterVcpuInfo(1, 0x30, 0));             // another running vCPU
        Assert.Equal(-XenErrno.EFAULT, _w.VcpuOp(VcpuOp.RegisterVcpuInfo, 0, Unmapped));
        Assert.False(_w.Shared.IsVcpuInfoRegistered(0));
    }

    [Fact]
    public void Runstate_info_and_area_report_the_caller_running()
    {
        _w.Clock.Now = 10;
        _w.Timers.OnScheduled(_w.V0);
        _w.Clock.Now = 1_010;
        Assert.Equal(0, _w.VcpuOp(VcpuOp.GetRunstateInfo, 0));
        byte[] r = _w.Get(Arg, 48);
        Assert.Equal(VcpuOp.RunstateRunning, BitConverter.ToInt32(r, 0));
        Assert.Equal(1_000UL, BitConverter.ToUInt64(r, 16)); // time[RUNSTATE_running]
        Assert.Equal(0, _w.VcpuOp(VcpuOp.GetRunstateInfo, 1));
        Assert.Equal(VcpuOp.RunstateOffline, BitConverter.ToInt32(_w.Get(Arg, 4), 0));
        Assert.Equal(-XenErrno.EFAULT, _w.VcpuOp(VcpuOp.GetRunstateInfo, 0, Unmapped - 8));

        _w.Put64(0x2000, 0x5000);
        Assert.Equal(0, _w.VcpuOp(VcpuOp.RegisterRunstateMemoryArea, 0, 0x2000));
        _w.Timers.OnScheduled(_w.V0);
        Assert.Equal(VcpuOp.RunstateRunning, BitConverter.ToInt32(_w.Get(0x5000, 4), 0));
        Assert.Equal(-XenErrno.EFAULT, _w.VcpuOp(VcpuOp.RegisterRunstateMemoryArea, 0, Unmapped));
    }

    [Fact]
    public void A_registered_time_area_gets_a_copy_with_an_even_version()
    {
        _w.Clock.Now = 777;
        _w.Put64(0x2000, 0x6000);
        Assert.Equal(0, _w.VcpuOp(VcpuOp.RegisterVcpuTimeMemoryArea, 0, 0x2000));
        byte[] t = _w.Get(0x6000, 32);
        Assert.Equal(0u, BitConverter.ToUInt32(t, 0) & 1);
        Assert.NotEqual(0u, BitConverter.ToUInt32(t, 0));
        Assert.Equal(777UL, BitConverter.ToUInt64(t, 16));
    }

    [Fact]
    public void The_arm_subset_allows_only_vcpu_info_and_runstate_registration()
    {
        var arm = new VcpuOpHypercall(_w.Timers, armSubset: true);
        for (int cmd = 0; cmd <= 13; cmd++)
        {
            if (cmd == VcpuOp.RegisterVcpuInfo || cmd == VcpuOp.RegisterRunstateMemoryArea) continue;
            Assert.Equal(-XenErrno.EINVAL, arm.Invoke(_w.V0, new HypercallArgs(HypercallNumber.VcpuOp, (ulong)cmd, 0, Arg)));
            Assert.Equal(-XenErrno.EINVAL, arm.Invoke(_w.V0, new HypercallArgs(HypercallNumber.VcpuOp, (ulong)cmd, 9, Arg))); // filter first
        }
        _w.Put64(Arg, 0x5000);
        Assert.Equal(0, arm.Invoke(_w.V0, new HypercallArgs(HypercallNumber.VcpuOp, VcpuOp.RegisterRunstateMemoryArea, 0, Arg)));
        Assert.Equal(-XenErrno.ENOENT, arm.Invoke(_w.V0, new HypercallArgs(HypercallNumber.VcpuOp, VcpuOp.RegisterVcpuInfo, 9, Arg)));
    }

    [Fact]
    public void After_register_vcpu_info_events_and_upcalls_land_in_the_new_location_only()
    {
        uint port = _w.BindTimer(0);
        Assert.Equal(0, RegisterVcpuInfo(0, 0x30, 64));
        ulong info = 0x30 * 4096 + 64;
        _w.Put(info, new byte[16]); // the guest acknowledges the registration's spurious event
        _w.Timers.SetSingleShot(_w.V0, 1);
        _w.Timers.FireExpired(1);
        Assert.True(_w.Pending(port)); // evtchn_pending stays in shared_info
        Assert.Equal(1, _w.Get(info + SharedInfoLayout.UpcallPending, 1)[0]);
        Assert.Equal(1UL << (int)(port / 64), BitConverter.ToUInt64(_w.Get(info + SharedInfoLayout.PendingSelector, 8)));
        Assert.Equal(0, _w.Shared.ReadByte(SharedInfoLayout.VcpuInfo(0) + SharedInfoLayout.UpcallPending)); // legacy slot untouched
    }
}
