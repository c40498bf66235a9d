// Why: runs Debian's xenstore-utils binaries against our socket. libxenstore finds the daemon through
// $XENSTORED_PATH (else $XENSTORED_RUNDIR/socket) — verified by experiment against 4.17. Every run has
// a timeout and is killed (with its process tree) if it hangs.
using System.Diagnostics;

namespace Xen.Store.Tests.Support;

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Skips when xenstore-utils is not installed (CI installs it: apt-get install -y xenstore-utils).</summary>
public sealed class InteropFactAttribute : FactAttribute
{
    public InteropFactAttribute()
    {
        if (!DebianTools.Available)
        {
            Skip = "xenstore-utils binaries not found in /usr/bin (apt-get install -y xenstore-utils)";
        }
    }
}

internal static class DebianTools
{
    public static bool Available => File.Exists("/usr/bin/xenstore-read") && File.Exists("/usr/bin/xenstore-watch");

    public static ToolResult Run(string socketPath, string tool, params string[] args) =>
        RunWith(new Dictionary<string, string> { ["XENSTORED_PATH"] = socketPath }, tool, args);

    public static ToolResult RunWith(Dictionary<string, string> env, string tool, params string[] args)
    {
        using Process p = Start(env, tool, args);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(15000))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException(tool + " " + string.Join(' ', args) + " hung; stderr: " + stderr.Result);
        }

        p.WaitForExit();
        return new ToolResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(Dictionary<string, string> env, string tool, params string[] args)
    {
        ProcessStartInfo psi = new("/usr/bin/" + tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("XENSTORED_PATH");
        psi.Environment.Remove("XENSTORED_RUNDIR");
        foreach (var kv in env)
        {
            psi.Environment[kv.Key] = kv.Value;
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("could not start " + tool);
    }
}
