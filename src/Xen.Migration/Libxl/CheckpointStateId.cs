// Why: the values of a CHECKPOINT_STATE record (libxl_sr_stream_format.h, COLO).
namespace Xen.Migration.Libxl;

/// <summary>COLO checkpoint states.</summary>
public enum CheckpointStateId : uint
{
    /// <summary>CHECKPOINT_NEW.</summary>
    New = 0,
    /// <summary>CHECKPOINT_SVM_SUSPENDED.</summary>
    SvmSuspended = 1,
    /// <summary>CHECKPOINT_SVM_READY.</summary>
    SvmReady = 2,
    /// <summary>CHECKPOINT_SVM_RESUMED.</summary>
    SvmResumed = 3,
}
