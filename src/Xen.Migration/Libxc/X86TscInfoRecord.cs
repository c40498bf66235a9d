// Why: X86_TSC_INFO carries XEN_DOMCTL_{get,set}tscinfo state: mode, kHz, nsec, incarnation.
namespace Xen.Migration.Libxc;

/// <summary>X86_TSC_INFO.</summary>
public sealed class X86TscInfoRecord(uint mode, uint khz, ulong nsec, uint incarnation) : LibxcRecord
{
    /// <summary>Encoded body size.</summary>
    public const int BodySize = 24;

    /// <inheritdoc />
    public override LibxcRecordType Type => LibxcRecordType.X86TscInfo;

    /// <summary>TSC_MODE_* constant.</summary>
    public uint Mode { get; } = mode;

    /// <summary>TSC frequency in kHz.</summary>
    public uint Khz { get; } = khz;

    /// <summary>Elapsed time in nanoseconds.</summary>
    public ulong Nsec { get; } = nsec;

    /// <summary>Incarnation.</summary>
    public uint Incarnation { get; } = incarnation;
}
