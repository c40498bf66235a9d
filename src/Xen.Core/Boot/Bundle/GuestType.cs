// xl.cfg type= (docs/man/xl.cfg.5.pod.in "Selecting Guest Type"); the legacy builder="hvm"/"generic" maps here too.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>The guest type a configuration asks for.</summary>
public enum GuestType : byte
{
    /// <summary>type="pvh" (also the bundle's default: the only type the images build).</summary>
    Pvh,
    /// <summary>type="hvm" (or builder="hvm").</summary>
    Hvm,
    /// <summary>type="pv" (or builder="generic").</summary>
    Pv,
}
