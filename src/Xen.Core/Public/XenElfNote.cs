// Xen ELF note types (xen/include/public/elfnote.h). Notes live in PT_NOTE segments with name "Xen"; the
// domain builder reads them to learn how to load and enter a kernel. PHYS32_ENTRY marks a PVH kernel.
namespace Xen.Core.Public;

/// <summary>XEN_ELFNOTE_* types.</summary>
public static class XenElfNote
{
#pragma warning disable CS1591 // elfnote.h names
    public const uint Info = 0;
    public const uint Entry = 1;
    public const uint HypercallPage = 2;
    public const uint VirtBase = 3;
    public const uint PaddrOffset = 4;
    public const uint XenVersion = 5;
    public const uint GuestOs = 6;
    public const uint GuestVersion = 7;
    public const uint Loader = 8;
    public const uint PaeMode = 9;
    public const uint Features = 10;
    public const uint BsdSymtab = 11;
    public const uint HvStartLow = 12;
    public const uint L1MfnValid = 13;
    public const uint SuspendCancel = 14;
    public const uint InitP2m = 15;
    public const uint ModStartPfn = 16;
    public const uint SupportedFeatures = 17;
    public const uint Phys32Entry = 18;
#pragma warning restore CS1591

    /// <summary>The note name Xen's notes carry ("Xen", NUL-terminated: namesz 4).</summary>
    public const string Name = "Xen";
}
