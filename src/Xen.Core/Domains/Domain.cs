// A domain: identity, memory (P2M), vCPUs, console, and how it ended. Arch-neutral; the arch layer keeps
// its per-domain state (second-stage tables) in the object it attaches as ArchState.
using Xen.Core.Console;
using Xen.Core.Events;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Domains;

/// <summary>One guest domain.</summary>
public sealed class Domain
{
    private readonly IConsoleOutput _output;

    /// <summary>Creates domain <paramref name="id"/> with <paramref name="vcpuCount"/> vCPUs over <paramref name="p2m"/>.</summary>
    public Domain(ushort id, string name, P2m p2m, int vcpuCount, IConsoleOutput console)
    {
        Id = id;
        Name = name;
        P2m = p2m;
        Vcpus = new Vcpu[vcpuCount];
        for (int i = 0; i < vcpuCount; i++) Vcpus[i] = new Vcpu(this, i);
        _output = console;
        Console = new DomainConsole(id, console);
        DebugPort = new DomainConsole(id, console);
        EventChannels = new EventChannelTable(this);
    }

    /// <summary>The domid.</summary>
    public ushort Id { get; }

    /// <summary>The domain's name (xl.cfg name=).</summary>
    public string Name { get; }

    /// <summary>Guest-physical memory.</summary>
    public P2m P2m { get; }

    /// <summary>The vCPUs, indexed by vCPU id.</summary>
    public Vcpu[] Vcpus { get; }

    /// <summary>True for a control domain (may read the hypervisor console, use domctl/sysctl).</summary>
    public bool IsPrivileged { get; set; }

    /// <summary>xen_domain_handle_t: the domain's UUID (16 bytes).</summary>
    public byte[] Handle { get; } = new byte[XenVersionOp.DomainHandleSize];

    /// <summary>Lifecycle state.</summary>
    public DomainState State { get; private set; }

    /// <summary>Why the domain shut down (valid unless <see cref="State"/> is Running).</summary>
    public ShutdownReason ShutdownReason { get; private set; }

    /// <summary>The code a guest recorded with SCHEDOP_shutdown_code, or -1.</summary>
    public int ShutdownCode { get; set; } = -1;

    /// <summary>Output from console_io, line-buffered with the <c>(d&lt;domid&gt;) </c> prefix.</summary>
    public DomainConsole Console { get; }

    /// <summary>Output from the 0xE9 debug port, buffered separately from <see cref="Console"/>.</summary>
    public DomainConsole DebugPort { get; }

    /// <summary>The PV console ring the hypervisor drains; null until the builder set one up.</summary>
    public PvConsoleRing? PvConsole { get; set; }

    /// <summary>Event-channel ports (2-level ABI).</summary>
    public EventChannelTable EventChannels { get; }

    /// <summary>HVM_PARAM_* values (hvm/params.h).</summary>
    public HvmParams HvmParams { get; } = new HvmParams();

    /// <summary>The domain's grant table; null until it is created (at build, or on first grant_table_op).</summary>
    public Grants.GrantTable? GrantTable { get; set; }

    /// <summary>The shared_info page; null until the builder gave the domain one.</summary>
    public SharedInfoPage? SharedInfo { get; set; }

    /// <summary>SCHEDOP_watchdog timers.</summary>
    public Time.DomainWatchdog Watchdog { get; } = new Time.DomainWatchdog();

    /// <summary>Per-domain arch data (e.g. nested page tables).</summary>
    public object? ArchState { get; set; }

    /// <summary>True while the domain has not shut down or crashed.</summary>
    public bool IsAlive => State == DomainState.Running;

    /// <summary>Shuts the domain down with <paramref name="reason"/> (SCHEDOP_shutdown); its vCPUs stop.</summary>
    public void Shutdown(ShutdownReason reason)
    {
        if (State != DomainState.Running) return;
        PvConsole?.Drain(); // bytes the guest queued without a notification
        Console.Flush();
        DebugPort.Flush();
        State = DomainState.ShutDown;
        ShutdownReason = reason;
        StopVcpus();
        _output.Write("domain d");
        _output.WriteDecimal(Id);
        _output.Write(": shut down, reason ");
        _output.WriteLine(ReasonName(reason));
    }

    /// <summary>Crashes the domain after a fatal guest error: prints why and the vCPU's registers, stops it.
    /// The hypervisor and other domains continue (Xen's policy: crash the domain, not the host).</summary>
    public void Crash(Vcpu? culprit, string why)
    {
        if (State != DomainState.Running) return;
        Console.Flush();
        DebugPort.Flush();
        _output.Write("domain d");
        _output.WriteDecimal(Id);
        _output.Write(" crashed: ");
        _output.WriteLine(why);
        culprit?.Backend?.DumpState();
        State = DomainState.Crashed;
        ShutdownReason = ShutdownReason.Crash;
        StopVcpus();
    }

    /// <summary>A short name for a SHUTDOWN_* reason.</summary>
    public static string ReasonName(ShutdownReason reason) => reason switch
    {
        ShutdownReason.PowerOff => "poweroff",
        ShutdownReason.Reboot => "reboot",
        ShutdownReason.Suspend => "suspend",
        ShutdownReason.Crash => "crash",
        ShutdownReason.Watchdog => "watchdog",
        ShutdownReason.SoftReset => "soft_reset",
        _ => "unknown",
    };

    private void StopVcpus()
    {
        for (int i = 0; i < Vcpus.Length; i++) Vcpus[i].State = VcpuState.Down;
    }
}
