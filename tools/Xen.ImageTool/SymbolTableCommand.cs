// `symtab`: writes the symbol blob into the image's reserved `xen_symtab` area, in place.
namespace Xen.ImageTool;

/// <summary>Fills the image's symbol table section.</summary>
public static class SymbolTableCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string imagePath, string nmPath)
    {
        byte[] file = File.ReadAllBytes(imagePath);
        List<NmSymbol> symbols = NmListing.Parse(File.ReadLines(nmPath));
        ulong start = NmListing.Require(symbols, "xen_symtab");
        ulong end = NmListing.Require(symbols, "xen_symtab_end");
        ulong imageBase;
        uint imageSize;
        Func<ulong, long> offsetOf;
        if (PeImage.IsPe(file))
        {
            PeImage pe = PeImage.Parse(file);
            imageBase = pe.ImageBase;
            imageSize = pe.SizeOfImage;
            offsetOf = pe.FileOffsetOf;
        }
        else
        {
            ElfImage elf = ElfImage.Parse(file);
            imageBase = symbols.Any(s => s.Name == "__image_start") ? NmListing.Require(symbols, "__image_start") : elf.LowestAddress;
            imageSize = (uint)elf.MemorySpan;
            offsetOf = elf.FileOffsetOf;
        }
        byte[] blob = SymbolBlob.Build(symbols, imageBase, imageSize);
        if ((ulong)blob.Length > end - start)
            throw new ImageFormatException($"symbol table needs {blob.Length} bytes but the image reserves {end - start}; grow xen_symtab");
        long offset = offsetOf(start);
        blob.CopyTo(file, offset);
        File.WriteAllBytes(imagePath, file);
        Console.WriteLine($"  {Path.GetFileName(imagePath)}: {blob.Length / 1024} KiB symbol table ({symbols.Count(s => s.IsCode)} code symbols)");
        return 0;
    }
}
