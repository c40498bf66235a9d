// Builds the blob Xen.Runtime.Diagnostics.SymbolTable reads (layout documented there).
using System.Buffers.Binary;
using System.Text;

namespace Xen.ImageTool;

/// <summary>Serialises code symbols into the image's symbol table format.</summary>
public static class SymbolBlob
{
    /// <summary>"XSYM" as a little-endian u32.</summary>
    public const uint Magic = 0x4D595358;

    /// <summary>Builds a blob of the code symbols at or above <paramref name="imageBase"/>, sorted, one per address.</summary>
    public static byte[] Build(IEnumerable<NmSymbol> symbols, ulong imageBase, uint imageSize)
    {
        var code = symbols.Where(s => s.IsCode && s.Address >= imageBase && s.Address - imageBase <= uint.MaxValue)
            .GroupBy(s => s.Address).Select(g => g.OrderBy(s => s.Name.Length).First())
            .OrderBy(s => s.Address).ToList();
        var names = new MemoryStream();
        var offsets = new List<(uint Rva, uint Name)>();
        foreach (NmSymbol s in code)
        {
            offsets.Add(((uint)(s.Address - imageBase), (uint)names.Length));
            byte[] ascii = Encoding.ASCII.GetBytes(s.Name);
            names.Write(ascii);
            names.WriteByte(0);
        }
        uint namesOffset = (uint)(16 + offsets.Count * 8);
        byte[] blob = new byte[namesOffset + names.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(0), Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(4), (uint)offsets.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(8), namesOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(12), imageSize);
        for (int i = 0; i < offsets.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(16 + i * 8), offsets[i].Rva);
            BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(20 + i * 8), offsets[i].Name);
        }
        names.ToArray().CopyTo(blob, namesOffset);
        return blob;
    }
}
