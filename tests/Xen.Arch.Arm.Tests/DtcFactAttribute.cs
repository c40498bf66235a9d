// A [Fact] that needs dtc (Debian package device-tree-compiler): skipped with the reason when it is missing.
namespace Xen.Arch.Arm.Tests;

public sealed class DtcFactAttribute : FactAttribute
{
    public DtcFactAttribute()
    {
        if (Find() is null) Skip = "dtc is not installed (apt-get install device-tree-compiler)";
    }

    /// <summary>The binary's path on PATH, or null.</summary>
    public static string? Find() => Environment.GetEnvironmentVariable("PATH")?.Split(':')
        .Select(d => Path.Combine(d, "dtc")).FirstOrDefault(File.Exists);
}
