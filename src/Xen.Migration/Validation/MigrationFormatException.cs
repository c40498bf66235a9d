// Why: a precise, typed error for malformed streams. Callers get the byte offset, the record index
// and the rule broken, and can rely on this being the only exception a malformed input raises.
using System;
using System.Globalization;

namespace Xen.Migration.Validation;

/// <summary>A migration stream or xl save file broke a rule of its format.</summary>
public sealed class MigrationFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="rule">The rule broken.</param>
    /// <param name="offset">Byte offset in the input where the offending item starts.</param>
    /// <param name="recordIndex">Index of the record within its layer, or -1 for headers.</param>
    /// <param name="layer">Which layer ("xl", "libxl", "libxc") the item belongs to.</param>
    /// <param name="detail">Human-readable detail.</param>
    public MigrationFormatException(MigrationRule rule, long offset, long recordIndex, string layer, string detail)
        : base(Format(rule, offset, recordIndex, layer, detail))
    {
        Rule = rule;
        Offset = offset;
        RecordIndex = recordIndex;
        Layer = layer;
        Detail = detail;
    }

    /// <summary>The rule broken.</summary>
    public MigrationRule Rule { get; }

    /// <summary>Byte offset in the input where the offending header or record starts.</summary>
    public long Offset { get; }

    /// <summary>Index of the offending record within its layer, or -1 for a header.</summary>
    public long RecordIndex { get; }

    /// <summary>"xl", "libxl" or "libxc".</summary>
    public string Layer { get; }

    /// <summary>The detail text without the location prefix.</summary>
    public string Detail { get; }

    private static string Format(MigrationRule rule, long offset, long recordIndex, string layer, string detail)
    {
        string where = recordIndex < 0
            ? string.Create(CultureInfo.InvariantCulture, $"{layer} header")
            : string.Create(CultureInfo.InvariantCulture, $"{layer} record #{recordIndex}");
        return string.Create(CultureInfo.InvariantCulture, $"offset 0x{offset:x} ({where}): {rule}: {detail}");
    }
}
