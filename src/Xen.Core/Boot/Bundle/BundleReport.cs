// What the boot module turned out to be, printed the same way by every arch's launcher: the kind, how many
// domains it describes, where the archive broke, and each cfg problem (file, line, message). A cfg with errors
// is left out; the launcher starts the others.
using Xen.Core.Console;

namespace Xen.Core.Boot.Bundle;

/// <summary>Boot-console report of a <see cref="BootBundle"/>.</summary>
public static class BundleReport
{
    /// <summary>Prints <paramref name="bundle"/>'s summary and problems; true when it names at least one domain.</summary>
    public static bool Write(IConsoleOutput output, BootBundle bundle)
    {
        output.Write("bundle: ");
        output.Write(bundle.Kind switch
        {
            BundleKind.Cpio => "cpio archive, ",
            BundleKind.Elf => "lone ELF kernel, ",
            BundleKind.Arm64Image => "lone arm64 Image, ",
            _ => "unrecognised module, ",
        });
        output.WriteDecimal((ulong)bundle.Domains.Length);
        output.WriteLine(" domain(s)");
        if (bundle.CpioError != CpioError.None)
        {
            output.Write("bundle: archive error at offset ");
            output.WriteDecimal((ulong)bundle.CpioErrorOffset);
            output.Write(": ");
            output.WriteLine(BootBundle.Describe(bundle.CpioError));
        }
        for (int i = 0; i < bundle.Issues.Length; i++)
        {
            BundleIssue issue = bundle.Issues[i];
            output.Write("bundle: ");
            output.Write(issue.File);
            output.Write(": line ");
            output.WriteDecimal((ulong)issue.Line);
            output.Write(": ");
            output.WriteLine(issue.Message);
        }
        return bundle.Domains.Length > 0;
    }
}
