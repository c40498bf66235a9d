// What the boot module turned out to be.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>The shape of the boot module given to <see cref="BootBundle.Parse"/>.</summary>
public enum BundleKind : byte
{
    /// <summary>Not a cpio archive, ELF or arm64 Image.</summary>
    Unknown,
    /// <summary>A cpio newc archive of xl.cfg files and the kernels/ramdisks they name.</summary>
    Cpio,
    /// <summary>A lone ELF kernel: one domain with defaults.</summary>
    Elf,
    /// <summary>A lone arm64 Image: one domain with defaults.</summary>
    Arm64Image,
}
