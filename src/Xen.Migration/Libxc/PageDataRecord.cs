// Why: PAGE_DATA carries the bulk of an image: count, count PFN entries, then one page of data for
// each entry whose type has data (libxc-migration-stream.pandoc "PAGE_DATA").
using System;

namespace Xen.Migration.Libxc;

/// <summary>A materialised PAGE_DATA record.</summary>
public sealed class PageDataRecord : LibxcRecord
{
    /// <summary>Creates the record.</summary>
    /// <param name="pfnEntries">Packed entries (see <see cref="PfnEntry"/>).</param>
    /// <param name="pages">Page contents, one page per entry with data, in entry order.</param>
    public PageDataRecord(ulong[] pfnEntries, ReadOnlyMemory<byte> pages)
    {
        PfnEntries = pfnEntries ?? throw new ArgumentNullException(nameof(pfnEntries));
        Pages = pages;
    }

    /// <inheritdoc />
    public override LibxcRecordType Type => LibxcRecordType.PageData;

    /// <summary>Packed PFN entries.</summary>
    public ulong[] PfnEntries { get; }

    /// <summary>Page data for the entries that have data, in entry order.</summary>
    public ReadOnlyMemory<byte> Pages { get; }

    /// <summary>Number of entries whose type carries page data.</summary>
    public int PagesWithData
    {
        get
        {
            int n = 0;
            foreach (ulong e in PfnEntries)
                if (PfnEntry.HasData(PfnEntry.Type(e))) n++;
            return n;
        }
    }
}
