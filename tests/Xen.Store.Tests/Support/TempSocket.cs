// Why: every daemon in the tests gets its own short, unique socket path and state directory (Unix
// socket paths are limited to ~107 bytes), removed afterwards.
namespace Xen.Store.Tests.Support;

internal sealed class TempSocket : IDisposable
{
    public TempSocket()
    {
        Directory = Path.Combine(Path.GetTempPath(), "xst-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        System.IO.Directory.CreateDirectory(Directory);
        SocketPath = Path.Combine(Directory, "sock");
        StateDirectory = Path.Combine(Directory, "state");
    }

    public string Directory { get; }

    public string SocketPath { get; }

    public string StateDirectory { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
