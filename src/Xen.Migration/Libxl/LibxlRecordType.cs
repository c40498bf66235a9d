// Why: libxl stream record types (libxl-migration-stream.pandoc; libxl_sr_stream_format.h).
namespace Xen.Migration.Libxl;

/// <summary>libxl stream record types. Bit 31 set marks an optional record.</summary>
public enum LibxlRecordType : uint
{
    /// <summary>End of the libxl stream.</summary>
    End = 0,
    /// <summary>Marker: the libxc stream follows.</summary>
    LibxcContext = 1,
    /// <summary>Xenstore key/value pairs for an emulator.</summary>
    EmulatorXenstoreData = 2,
    /// <summary>An emulator's context blob.</summary>
    EmulatorContext = 3,
    /// <summary>End of a checkpoint.</summary>
    CheckpointEnd = 4,
    /// <summary>COLO checkpoint state (secondary's progress).</summary>
    CheckpointState = 5,
}
