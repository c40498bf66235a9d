// Why: every rejection of a stream names the rule it broke, so tools and tests can tell a truncated
// file from a reordered one without parsing message text.
namespace Xen.Migration.Validation;

/// <summary>The rule of the stream formats that a rejected stream broke.</summary>
public enum MigrationRule
{
    /// <summary>The stream ended before a header, record header or record body was complete.</summary>
    Truncated,
    /// <summary>The stream does not start with an xl, libxl or libxc signature.</summary>
    UnknownFraming,
    /// <summary>libxc image header marker is not 0xFFFFFFFFFFFFFFFF.</summary>
    BadMarker,
    /// <summary>libxc image header id is not "XENF" (0x58454E46).</summary>
    BadImageId,
    /// <summary>Unsupported libxc or libxl stream version.</summary>
    UnsupportedVersion,
    /// <summary>A reserved field, option bit or padding that must be zero is not.</summary>
    NonZeroReserved,
    /// <summary>Unknown domain type in the libxc domain header.</summary>
    UnknownDomainType,
    /// <summary>Page shift in the domain header is not valid for the architecture.</summary>
    BadPageShift,
    /// <summary>A record body length exceeds the configured limit.</summary>
    RecordTooLong,
    /// <summary>A mandatory record type (bit 31 clear) that this implementation does not know.</summary>
    UnknownMandatoryRecord,
    /// <summary>The 0-7 padding octets after a record body are not zero.</summary>
    NonZeroPadding,
    /// <summary>The body length does not match the layout of the record type.</summary>
    BadRecordLength,
    /// <summary>A record appears where the ordering rules of the spec forbid it.</summary>
    RecordOutOfOrder,
    /// <summary>A record that may appear only once appeared again.</summary>
    DuplicateRecord,
    /// <summary>A record type that is not valid for this domain type (e.g. HVM_CONTEXT in a PV stream).</summary>
    RecordNotValidForDomain,
    /// <summary>A record required before this point is missing (e.g. STATIC_DATA_END in a v3 stream).</summary>
    MissingRecord,
    /// <summary>PAGE_DATA count is zero or above the configured limit.</summary>
    BadPageCount,
    /// <summary>A PFN type that is not one of the XEN_DOMCTL_PFINFO_* values.</summary>
    UnknownPageType,
    /// <summary>The same PFN appears twice in one record.</summary>
    DuplicatePfn,
    /// <summary>A PFN beyond the domain's P2M or the configured maximum.</summary>
    PfnOutOfRange,
    /// <summary>A field holds a value that the spec does not allow.</summary>
    InvalidFieldValue,
    /// <summary>Bytes follow the final END record.</summary>
    TrailingData,
    /// <summary>xl save-file magic is wrong.</summary>
    BadXlMagic,
    /// <summary>xl save-file byte-order field is neither 0x01020304 little- nor big-endian.</summary>
    BadByteOrder,
    /// <summary>xl save file sets mandatory or optional flags this implementation does not know.</summary>
    UnknownXlFlags,
    /// <summary>xl save file is not a migration-v2 stream (legacy streams are not supported).</summary>
    LegacyStreamUnsupported,
    /// <summary>libxl header ident is not "LibxlFmt".</summary>
    BadLibxlIdent,
    /// <summary>EMULATOR_XENSTORE_DATA is not a packed sequence of NUL-terminated key/value pairs.</summary>
    BadXenstoreData,
}
