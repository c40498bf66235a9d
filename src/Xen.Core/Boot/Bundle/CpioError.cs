// Why a status enum: the cpio reader runs in the hypervisor on bytes the boot loader handed over; a malformed
// archive must produce a clear answer (what and where), never an exception (bare-metal rules: a throw panics).
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>What is wrong with a cpio "newc" archive (see <see cref="CpioNewcReader.ErrorOffset"/> for where).</summary>
public enum CpioError
{
    /// <summary>No error.</summary>
    None,
    /// <summary>Fewer than 110 bytes left for a header.</summary>
    TruncatedHeader,
    /// <summary>The header does not start with "070701" (or "070702", the same layout with checksums).</summary>
    BadMagic,
    /// <summary>A header field holds a character that is not a hexadecimal digit.</summary>
    BadHexField,
    /// <summary>namesize is 0: there is not even the terminating NUL.</summary>
    EmptyName,
    /// <summary>The name runs past the end of the archive.</summary>
    NamePastEnd,
    /// <summary>The name's last byte is not NUL, or a NUL occurs before it.</summary>
    NameNotTerminated,
    /// <summary>The file data runs past the end of the archive.</summary>
    DataPastEnd,
    /// <summary>The archive ends without the "TRAILER!!!" entry.</summary>
    MissingTrailer,
}
