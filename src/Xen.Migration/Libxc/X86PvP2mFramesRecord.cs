// Why: X86_PV_P2M_FRAMES lists the frames that hold a PV guest's P2M for PFNs start..end inclusive.
using System;

namespace Xen.Migration.Libxc;

/// <summary>X86_PV_P2M_FRAMES.</summary>
public sealed class X86PvP2mFramesRecord : LibxcRecord
{
    /// <summary>Creates the record.</summary>
    public X86PvP2mFramesRecord(uint startPfn, uint endPfn, ulong[] p2mPfns)
    {
        StartPfn = startPfn;
        EndPfn = endPfn;
        P2mPfns = p2mPfns ?? throw new ArgumentNullException(nameof(p2mPfns));
    }

    /// <inheritdoc />
    public override LibxcRecordType Type => LibxcRecordType.X86PvP2mFrames;

    /// <summary>First PFN index covered.</summary>
    public uint StartPfn { get; }

    /// <summary>Last PFN index covered (inclusive).</summary>
    public uint EndPfn { get; }

    /// <summary>PFNs of the frames holding the P2M.</summary>
    public ulong[] P2mPfns { get; }

    /// <summary>Number of P2M frames needed to cover start..end for a guest of the given width:
    /// each frame holds page_size / guest_width entries.</summary>
    public static long FrameCount(uint startPfn, uint endPfn, int guestWidth, int pageSize)
    {
        long perFrame = pageSize / guestWidth;
        return endPfn / perFrame - startPfn / perFrame + 1;
    }
}
