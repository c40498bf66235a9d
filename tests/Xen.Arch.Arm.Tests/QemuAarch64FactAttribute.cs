// A [Fact] that needs qemu-system-aarch64: skipped with the reason when it is not installed (CI installs it,
// so CI never skips), instead of passing silently.
namespace Xen.Arch.Arm.Tests;

public sealed class QemuAarch64FactAttribute : FactAttribute
{
    public QemuAarch64FactAttribute()
    {
        if (Find() is null) Skip = "qemu-system-aarch64 is not installed (apt-get install qemu-system-arm)";
    }

    /// <summary>The binary's path on PATH, or null.</summary>
    public static string? Find() => Environment.GetEnvironmentVariable("PATH")?.Split(':')
        .Select(d => Path.Combine(d, "qemu-system-aarch64")).FirstOrDefault(File.Exists);
}
