// Why: X86_PV_INFO states the guest width (4 or 8 octets) and page-table levels (3 or 4); later PV
// records (P2M frames, page tables) are interpreted with it.
namespace Xen.Migration.Libxc;

/// <summary>X86_PV_INFO.</summary>
/// <param name="GuestWidth">Guest word size in octets (4 or 8).</param>
/// <param name="PtLevels">Page-table levels (3 or 4).</param>
public sealed class X86PvInfoRecord(byte GuestWidth, byte PtLevels) : LibxcRecord
{
    /// <inheritdoc />
    public override LibxcRecordType Type => LibxcRecordType.X86PvInfo;

    /// <summary>Guest word size in octets.</summary>
    public byte GuestWidth { get; } = GuestWidth;

    /// <summary>Page-table levels.</summary>
    public byte PtLevels { get; } = PtLevels;
}
