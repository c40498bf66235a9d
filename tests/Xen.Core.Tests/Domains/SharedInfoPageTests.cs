using Xen.Core.Domains;
using Xen.Core.Public;
using Xen.Core.Time;

namespace Xen.Core.Tests.Domains;

public sealed class SharedInfoPageTests : IDisposable
{
    private readonly TestDomain _t = new();

    public void Dispose() => _t.Dispose();

    private SharedInfoPage Page => _t.Domain.SharedInfo!;

    [Fact]
    public void Layout_matches_xen_h_for_64_bit_guests()
    {
        // xen.h / arch-x86/xen.h: 32 vcpu_info of 64 bytes, then two 64-word bitmaps, then the wallclock.
        Assert.Equal(2048, SharedInfoLayout.EvtchnPending);
        Assert.Equal(SharedInfoLayout.EvtchnPending + 64 * 8, SharedInfoLayout.EvtchnMask);
        Assert.Equal(SharedInfoLayout.EvtchnMask + 64 * 8, SharedInfoLayout.WcVersion);
        Assert.Equal(SharedInfoLayout.WcVersion + 4, SharedInfoLayout.WcSec);
        Assert.Equal(SharedInfoLayout.WcSec + 4, SharedInfoLayout.WcNsec);
        Assert.Equal(SharedInfoLayout.WcNsec + 4, SharedInfoLayout.WcSecHi);
        Assert.Equal(SharedInfoLayout.WcSecHi + 4, SharedInfoLayout.ArchShared);
        Assert.Equal(32, SharedInfoLayout.Time);
        Assert.Equal(SharedInfoLayout.VcpuInfoSize, SharedInfoLayout.Time + SharedInfoLayout.TimeInfoSize);
        Assert.Equal(31 * 64, SharedInfoLayout.VcpuInfo(31));
    }

    [Fact]
    public void Wallclock_update_leaves_an_even_version_advanced_by_two()
    {
        Page.SetWallClock(0x1_2345_6789, 999_999_999);
        Assert.Equal(2u, Page.ReadUInt32(SharedInfoLayout.WcVersion));
        Assert.Equal(0x2345_6789u, Page.ReadUInt32(SharedInfoLayout.WcSec));
        Assert.Equal(1u, Page.ReadUInt32(SharedInfoLayout.WcSecHi));
        Assert.Equal(999_999_999u, Page.ReadUInt32(SharedInfoLayout.WcNsec));
        Page.SetWallClock(5, 0);
        Assert.Equal(4u, Page.ReadUInt32(SharedInfoLayout.WcVersion));
    }

    [Fact]
    public void Vcpu_time_record_is_written_at_its_offsets_with_an_even_version()
    {
        PvClockScale scale = PvClockScale.FromFrequency(3_000_000_000);
        Page.SetVcpuTime(1, tsc: 0x1122_3344_5566, systemTimeNs: 777, scale, tscStable: true);
        int t = SharedInfoLayout.VcpuInfo(1) + SharedInfoLayout.Time;
        Assert.Equal(2u, Page.ReadUInt32(t));
        Assert.Equal(0x1122_3344_5566UL, Page.ReadUInt64(t + 8));
        Assert.Equal(777UL, Page.ReadUInt64(t + 16));
        Assert.Equal(scale.Multiplier, Page.ReadUInt32(t + 24));
        Assert.Equal(unchecked((byte)-1), Page.ReadByte(t + 28));
        Assert.Equal(1, Page.ReadByte(t + 29));
        Assert.Equal(0u, Page.ReadUInt32(SharedInfoLayout.Time)); // vCPU 0 untouched
        Page.SetVcpuTime(40, 1, 1, scale, false); // beyond the legacy slots: ignored, nothing overwritten
        Assert.Equal(0u, Page.ReadUInt32(SharedInfoLayout.WcVersion));
    }

    [Fact]
    public void Moving_to_a_guest_frame_carries_the_contents_there()
    {
        Page.SetWallClock(42, 1);
        Assert.True(_t.Domain.P2m.TryTranslate(0x9000, out ulong host));
        Page.MoveTo(9, host);
        Assert.Equal(9UL, Page.Gfn);
        Assert.Equal(host, Page.HostPage);
        byte[] guest = new byte[4];
        _t.Domain.P2m.Read(0x9000 + SharedInfoLayout.WcSec, guest);
        Assert.Equal(42u, BitConverter.ToUInt32(guest));
    }
}
