// The [Theory] twin of QemuFactAttribute.
namespace Xen.Boot.Tests.Harness;

/// <summary>Marks a data-driven boot test needing <c>qemu-system-&lt;arch&gt;</c>.</summary>
public sealed class QemuTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute for one QEMU system binary.</summary>
    public QemuTheoryAttribute(string binary)
    {
        if (Machines.FindExecutable(binary) is null)
            Skip = $"{binary} is not installed (apt-get install qemu-system-x86 qemu-system-arm ovmf)";
    }
}
