// The P2M remap seam grant mappings and grant frames use: Replace/Restore, the observer, read-only frames, and
// that foreign pages are never scrubbed or freed by the P2M that borrowed them.
using Xen.Core.Memory;
using Xen.Core.Public;
using Xen.Core.Tests.Domains;

namespace Xen.Core.Tests.Grants;

public sealed unsafe class P2mReplaceTests : IDisposable
{
    private readonly TestMemory _memory = new(8);

    public void Dispose() => _memory.Dispose();

    [Fact]
    public void Replace_and_restore_round_trip_with_notifications()
    {
        P2m p2m = P2m.Allocate(_memory.Pages, 16, scrubLazily: true)!;
        var seen = new RecordingObserver();
        p2m.Observer = seen;
        ulong foreign = _memory.Pages->AllocatePages(1);
        new Span<byte>((void*)foreign, 4096).Fill(0x5A); // live contents that must survive
        ulong own = p2m.HostPage(3);

        Assert.True(p2m.Replace(3, foreign, out ulong previous));
        Assert.Equal(own, P2m.EntryPage(previous));
        Assert.Equal(foreign, p2m.HostPage(3));
        Assert.True(p2m.IsForeign(3));
        Assert.True(p2m.IsScrubbed(3));
        Assert.False(p2m.IsReadOnly(3));
        p2m.Scrub(3); // scrubbing the chunk must leave the foreign page alone
        var b = new byte[4];
        Assert.Equal(0, p2m.Read(3 * 4096, b));
        Assert.Equal(new byte[] { 0x5A, 0x5A, 0x5A, 0x5A }, b);

        Assert.True(p2m.Restore(3, previous));
        Assert.Equal(own, p2m.HostPage(3));
        Assert.False(p2m.IsForeign(3));
        Assert.Equal(new ulong[] { 3, 3 }, seen.Changed);
        Assert.False(p2m.Replace(16, foreign, out _));
        Assert.False(p2m.Replace(2, foreign + 8, out _));
        Assert.False(p2m.Restore(16, previous));
        Assert.Equal(2, seen.Changed.Count);
    }

    [Fact]
    public void Read_only_frames_refuse_writes_through_the_p2m()
    {
        P2m p2m = P2m.Allocate(_memory.Pages, 4)!;
        ulong foreign = _memory.Pages->AllocatePages(1);
        Assert.True(p2m.Replace(1, foreign, readOnly: true, out _));
        Assert.True(p2m.IsReadOnly(1));
        Assert.Equal(-XenErrno.EFAULT, p2m.Write(4096 + 10, new byte[2]));
        Assert.Equal(-XenErrno.EFAULT, p2m.Write(4096 - 1, new byte[2])); // straddles into it
        Assert.Equal(-XenErrno.EFAULT, p2m.Clear(4096, 4096));
        Assert.Equal(0, p2m.Read(4096, new byte[16]));
        Assert.True(p2m.IsWritable(0, 4096));
        Assert.False(p2m.IsWritable(0, 4097));
    }

    [Fact]
    public void Release_frees_own_pages_but_not_foreign_ones()
    {
        P2m p2m = P2m.Allocate(_memory.Pages, 4)!;
        ulong foreign = _memory.Pages->AllocatePages(1);
        Assert.True(p2m.Replace(2, foreign, out ulong previous));
        ulong displaced = P2m.EntryPage(previous);
        ulong own = p2m.HostPage(0);
        p2m.Release(_memory.Pages);
        Assert.True(_memory.Pages->IsAllocated(foreign));   // still the lender's
        Assert.False(_memory.Pages->IsAllocated(own));
        Assert.True(_memory.Pages->IsAllocated(displaced)); // held by whoever replaced it (grant code restores first)
    }
}
