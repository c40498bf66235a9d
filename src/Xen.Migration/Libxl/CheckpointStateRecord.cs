// Why: CHECKPOINT_STATE carries one uint32 COLO state (struct libxl_sr_checkpoint_state).
namespace Xen.Migration.Libxl;

/// <summary>CHECKPOINT_STATE.</summary>
public sealed class CheckpointStateRecord(CheckpointStateId state) : LibxlRecord
{
    /// <inheritdoc />
    public override LibxlRecordType Type => LibxlRecordType.CheckpointState;

    /// <summary>The state.</summary>
    public CheckpointStateId State { get; } = state;
}
