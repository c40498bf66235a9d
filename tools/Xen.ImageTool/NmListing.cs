// Parses `llvm-nm --defined-only` output: "<hex address> <type letter> <name>" per line.
namespace Xen.ImageTool;

/// <summary>One symbol from an nm listing.</summary>
public readonly record struct NmSymbol(ulong Address, char Type, string Name)
{
    /// <summary>Text (code) symbols: what a crash dump wants to name.</summary>
    public bool IsCode => Type is 'T' or 't';
}

/// <summary>Reads nm listings.</summary>
public static class NmListing
{
    /// <summary>Parses the listing; lines without an address (undefined symbols) are skipped.</summary>
    public static List<NmSymbol> Parse(IEnumerable<string> lines)
    {
        var symbols = new List<NmSymbol>();
        foreach (string line in lines)
        {
            string[] parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3 || parts[1].Length != 1) continue;
            if (!ulong.TryParse(parts[0], System.Globalization.NumberStyles.HexNumber, null, out ulong address)) continue;
            symbols.Add(new NmSymbol(address, parts[1][0], parts[2]));
        }
        return symbols;
    }

    /// <summary>The address of a required symbol.</summary>
    public static ulong Require(IReadOnlyList<NmSymbol> symbols, string name)
    {
        foreach (NmSymbol s in symbols)
            if (s.Name == name) return s.Address;
        throw new ImageFormatException($"symbol '{name}' not found in the link");
    }
}
