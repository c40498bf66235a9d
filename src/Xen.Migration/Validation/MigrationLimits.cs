// Why: every length or count read from a stream is checked against these limits before anything is
// allocated or trusted, so a hostile stream cannot make the reader allocate or loop without bound.
namespace Xen.Migration.Validation;

/// <summary>Limits and strictness switches applied while reading a stream.</summary>
public sealed record MigrationLimits
{
    /// <summary>Xen's REC_LENGTH_MAX (tools/libs/guest/xg_sr_stream_format.h): 128 MiB.</summary>
    public const int XenRecordLengthMax = 128 << 20;

    /// <summary>Default limits: Xen's record length cap, 1024 pages per PAGE_DATA record.</summary>
    public static MigrationLimits Default { get; } = new();

    /// <summary>Largest record body accepted, in octets. Defaults to Xen's REC_LENGTH_MAX.</summary>
    public int MaxRecordLength { get; init; } = XenRecordLengthMax;

    /// <summary>Largest PAGE_DATA count accepted (Xen's saver batches at most 1024 pages).</summary>
    public int MaxPagesPerRecord { get; init; } = 1024;

    /// <summary>Largest optional-data block accepted in an xl save-file header.</summary>
    public int MaxXlOptionalData { get; init; } = 16 << 20;

    /// <summary>Largest PFN accepted for non-PV domains (PV domains are bounded by their P2M).
    /// The PFN field is 52 bits wide.</summary>
    public ulong MaxPfn { get; init; } = (1UL << 52) - 1;

    /// <summary>When true, reserved fields and reserved PFN bits must be zero. The spec asks savers to
    /// write zeros and restorers to ignore them; strict mode reports them.</summary>
    public bool RejectNonZeroReserved { get; init; } = true;
}
