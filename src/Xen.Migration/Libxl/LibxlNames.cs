// Why: dumps and errors use the spec's libxl record names.
using System.Globalization;

namespace Xen.Migration.Libxl;

/// <summary>Spec names of libxl record types.</summary>
public static class LibxlNames
{
    private static readonly string[] Names =
        ["END", "LIBXC_CONTEXT", "EMULATOR_XENSTORE_DATA", "EMULATOR_CONTEXT", "CHECKPOINT_END", "CHECKPOINT_STATE"];

    /// <summary>Name of a record type.</summary>
    public static string Of(uint type) => type < Names.Length
        ? Names[type]
        : string.Create(CultureInfo.InvariantCulture, $"{((type & 0x8000_0000u) != 0 ? "OPTIONAL" : "UNKNOWN")}_0x{type:x8}");
}
