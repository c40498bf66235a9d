// The unmodified Debian arm64 Linux guest (scripts/fetch-debian-arm64-kernel.sh): fetched once per test run
// (quick when cached under artifacts/), so a test can skip — with the script's own message — only when the
// download itself failed. The kernel is Debian's signed linux-image-*-arm64 as a raw Image; the initramfs is
// busybox-static with an /init that prints `xensharp-initramfs: shell ready` and runs a shell on the console.
using System.Diagnostics;

namespace Xen.Boot.Tests.Harness;

/// <summary>The fetched kernel and initramfs, or why they are not available.</summary>
public static class DebianArm64Guest
{
    private static readonly Lazy<(string? Error, string Log)> s_fetch = new(Fetch);

    /// <summary>The raw arm64 Image.</summary>
    public static string Kernel => Path.Combine(Directory, "Image");

    /// <summary>The gzip-compressed newc initramfs.</summary>
    public static string Initramfs => Path.Combine(Directory, "initramfs.cpio.gz");

    /// <summary>"package version" of the kernel.</summary>
    public static string Version => File.ReadAllText(Path.Combine(Directory, "VERSION")).Trim();

    /// <summary>The line /init prints just before it starts the shell.</summary>
    public const string ReadyLine = "xensharp-initramfs: shell ready";

    private static string Directory => Path.Combine(Repository.Root, "artifacts", "guests", "arm64", "linux");

    /// <summary>Runs the fetch script (once per process); returns null on success, else the reason with its output.</summary>
    public static string? EnsureFetched() => s_fetch.Value.Error;

    /// <summary>The script's output.</summary>
    public static string FetchLog => s_fetch.Value.Log;

    private static (string?, string) Fetch()
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "fetch-debian-arm64-kernel.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return ("fetch-debian-arm64-kernel.sh did not finish within 10 minutes", "");
        }
        string log = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
            return ($"fetching the Debian arm64 kernel failed (exit {process.ExitCode}): {stderr.Result.Trim()}", log);
        return (null, log);
    }
}
