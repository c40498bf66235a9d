// Boot tests measure (time to banner, image sizes, run times). Numbers go to the test output and to
// artifacts/test-results/boot-report.txt, which CI prints, so they land in the logs and the closing notes.
namespace Xen.Boot.Tests.Harness;

/// <summary>Collects measured numbers.</summary>
public static class BootReport
{
    private static readonly object s_gate = new();

    /// <summary>Appends one measurement line.</summary>
    public static void Record(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        string dir = Path.Combine(Repository.Root, "artifacts", "test-results");
        Directory.CreateDirectory(dir);
        lock (s_gate) File.AppendAllText(Path.Combine(dir, "boot-report.txt"), $"{DateTime.UtcNow:HH:mm:ss} {line}\n");
    }
}
