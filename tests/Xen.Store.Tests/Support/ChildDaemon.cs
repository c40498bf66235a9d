// Why: a real daemon process (xenstore-cs serve) that a test can SIGKILL, the honest version of
// "kill the daemon mid-load". Always killed on dispose.
using System.Diagnostics;

namespace Xen.Store.Tests.Support;

internal sealed class ChildDaemon : IDisposable
{
    private readonly Process _process;

    public ChildDaemon(string socketPath, string stateDirectory)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "xenstore-cs.dll");
        ProcessStartInfo psi = new(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { dll, "serve", "--socket", socketPath, "--state", stateDirectory })
        {
            psi.ArgumentList.Add(a);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start xenstore-cs");
        string? banner = _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (banner == null || !banner.StartsWith("xenstored listening", StringComparison.Ordinal))
        {
            Kill();
            throw new InvalidOperationException("daemon did not start: " + banner + " " + _process.StandardError.ReadToEnd());
        }

        Banner = banner;
        _ = _process.StandardOutput.ReadToEndAsync(); // keep draining so the child never blocks on a full pipe
        _ = _process.StandardError.ReadToEndAsync();
    }

    public string Banner { get; }

    /// <summary>The dotnet host running the tests (the SDK exports it), else "dotnet" from PATH.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p : "dotnet";

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // SIGKILL: no chance to write anything more
            _process.WaitForExit(10000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
