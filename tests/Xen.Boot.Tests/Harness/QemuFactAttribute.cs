// A [Fact] that is skipped, with the reason, only when the QEMU binary it needs is not installed.
// CI installs QEMU (.ci/run), so CI never skips.
namespace Xen.Boot.Tests.Harness;

/// <summary>Marks a boot test needing <c>qemu-system-&lt;arch&gt;</c>.</summary>
public sealed class QemuFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute for one QEMU system binary (e.g. "qemu-system-x86_64").</summary>
    public QemuFactAttribute(string binary)
    {
        if (Machines.FindExecutable(binary) is null)
            Skip = $"{binary} is not installed (apt-get install qemu-system-x86 qemu-system-arm ovmf)";
    }
}
