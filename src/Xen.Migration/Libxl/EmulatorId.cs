// Why: the emulator_id of the emulator sub-header (libxl-migration-stream.pandoc "Emulator Records").
namespace Xen.Migration.Libxl;

/// <summary>Emulator identifiers.</summary>
public enum EmulatorId : uint
{
    /// <summary>Unknown (legacy stream).</summary>
    Unknown = 0,
    /// <summary>Qemu traditional.</summary>
    QemuTraditional = 1,
    /// <summary>Qemu upstream.</summary>
    QemuUpstream = 2,
}
