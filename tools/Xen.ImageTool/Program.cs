// Entry point: `symtab <image> <nm-output>`, `pvh-elf <pe> <nm-output> <out.elf>`, `sizes <files...>`.
using Xen.ImageTool;

try
{
    return args switch
    {
        ["symtab", var image, var nm] => SymbolTableCommand.Run(image, nm),
        ["pvh-elf", var pe, var nm, var output] => PvhElfCommand.Run(pe, nm, output),
        ["sizes", .. var files] => SizesCommand.Run(files),
        _ => Usage(),
    };
}
catch (ImageFormatException e)
{
    Console.Error.WriteLine($"Xen.ImageTool: error: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Xen.ImageTool symtab <image> <nm-output> | pvh-elf <pe> <nm-output> <out.elf> | sizes <files...>");
    return 2;
}
