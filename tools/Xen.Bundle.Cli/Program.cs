// xen-bundle: the host side of boot bundles.
//   xen-bundle create OUT.cpio FILE...   archive FILEs (each under its file name, or NAME=PATH to choose the
//                                        archive name, e.g. boot/vmlinuz=./build/vmlinuz) as cpio newc
//   xen-bundle list BUNDLE [CMDLINE]     parse a bundle (or lone kernel) exactly as the hypervisor image does
//                                        and print its domains and problems; exit 1 if it is not valid
using System;
using System.IO;
using System.Text;
using Xen.Core.Boot.Bundle;

namespace Xen.Bundle.Cli;

internal static class Program
{
    private const string Usage = "usage: xen-bundle create OUT.cpio FILE|NAME=PATH...\n       xen-bundle list BUNDLE [CMDLINE]";

    private static int Main(string[] args)
    {
        if (args.Length >= 3 && args[0] == "create") return Create(args[1], args.AsSpan(2));
        if (args.Length is 2 or 3 && args[0] == "list") return List(args[1], args.Length == 3 ? args[2] : "");
        Console.Error.WriteLine(Usage);
        return 2;
    }

    private static int Create(string output, ReadOnlySpan<string> inputs)
    {
        var writer = new CpioNewcWriter();
        foreach (string input in inputs)
        {
            int eq = input.IndexOf('=');
            string name = eq > 0 ? input[..eq] : Path.GetFileName(input);
            string path = eq > 0 ? input[(eq + 1)..] : input;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"xen-bundle: {path}: no such file");
                return 1;
            }
            writer.AddFile(name, File.ReadAllBytes(path));
        }
        byte[] archive = writer.Finish();
        File.WriteAllBytes(output, archive);
        BootBundle bundle = BootBundle.Parse(archive, default);
        Console.WriteLine($"{output}: {inputs.Length} files, {archive.Length} bytes, {bundle.Domains.Length} domain(s)");
        PrintIssues(bundle);
        return 0;
    }

    private static int List(string path, string commandLine)
    {
        byte[] module = File.ReadAllBytes(path);
        BootBundle bundle = BootBundle.Parse(module, Encoding.ASCII.GetBytes(commandLine));
        Console.WriteLine($"{path}: {bundle.Kind}, {bundle.Domains.Length} domain(s)");
        foreach (DomainSpec d in bundle.Domains)
        {
            Console.WriteLine($"  {d.Name} ({(d.ConfigFile.Length == 0 ? "lone kernel" : d.ConfigFile)}): {d.Type}, {d.MemoryMiB} MiB " +
                $"(max {d.MaxMemoryMiB}), {d.Vcpus} vCPU(s) (max {d.MaximumVcpus}), kernel {d.KernelFormat} {d.Kernel.Length} bytes" +
                (d.Ramdisk.IsEmpty ? "" : $", ramdisk {d.Ramdisk.Length} bytes"));
            Console.WriteLine($"    cmdline \"{Encoding.ASCII.GetString(d.CommandLine)}\"; on_poweroff {d.OnPoweroff}, on_reboot {d.OnReboot}, on_crash {d.OnCrash}" +
                (d.Affinity.Length == 0 ? "" : $"; cpus pinned ({d.Affinity.Length} mask(s){(d.AffinityIsPerVcpu ? ", per vCPU" : "")})"));
        }
        if (bundle.CpioError != CpioError.None)
            Console.WriteLine($"  archive error at offset {bundle.CpioErrorOffset}: {BootBundle.Describe(bundle.CpioError)}");
        PrintIssues(bundle);
        return bundle.IsValid ? 0 : 1;
    }

    private static void PrintIssues(BootBundle bundle)
    {
        foreach (BundleIssue issue in bundle.Issues)
            Console.WriteLine($"  {(issue.File.Length == 0 ? "bundle" : issue.File)}{(issue.Line > 0 ? ":" + issue.Line : "")}: {issue.Message}");
    }
}
