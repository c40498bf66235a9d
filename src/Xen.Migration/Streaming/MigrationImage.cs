// Why: a fully materialised image — headers and every record in stream order — for tests, tools
// and small streams. Large images should be processed with MigrationStreamReader instead.
using System.Collections.Generic;
using Xen.Migration.Libxc;
using Xen.Migration.Libxl;
using Xen.Migration.Xl;

namespace Xen.Migration.Streaming;

/// <summary>A decoded image. The libxc headers sit after the LIBXC_CONTEXT record (libxl/xl framing)
/// or at the start (libxc framing).</summary>
public sealed class MigrationImage
{
    /// <summary>The framing.</summary>
    public required StreamFraming Framing { get; init; }

    /// <summary>xl header (xl framing only).</summary>
    public XlSaveHeader? XlHeader { get; init; }

    /// <summary>libxl header (xl and libxl framing).</summary>
    public LibxlHeader? LibxlHeader { get; init; }

    /// <summary>libxc image header.</summary>
    public required ImageHeader ImageHeader { get; init; }

    /// <summary>libxc domain header.</summary>
    public required DomainHeader DomainHeader { get; init; }

    /// <summary>libxl and libxc records in stream order.</summary>
    public required IReadOnlyList<MigrationRecord> Records { get; init; }
}
