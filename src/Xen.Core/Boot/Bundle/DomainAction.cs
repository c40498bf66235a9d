// xl.cfg on_poweroff/on_reboot/on_crash ACTIONs (docs/man/xl.cfg.5.pod.in "Event Actions"). The bundle keeps
// what the file asks for; what the hypervisor can honour is the launcher's decision.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>What to do when a domain shuts down for a given reason.</summary>
public enum DomainAction : byte
{
    /// <summary>destroy: destroy the domain.</summary>
    Destroy,
    /// <summary>restart: destroy and create a new domain with the same configuration.</summary>
    Restart,
    /// <summary>rename-restart.</summary>
    RenameRestart,
    /// <summary>preserve: keep the domain for inspection.</summary>
    Preserve,
    /// <summary>coredump-destroy.</summary>
    CoredumpDestroy,
    /// <summary>coredump-restart.</summary>
    CoredumpRestart,
    /// <summary>soft-reset.</summary>
    SoftReset,
}
