// Hooks the arch package installs at boot so arch-neutral runtime code can stop the machine.
namespace Xen.Runtime;

/// <summary>Machine control the runtime needs from the platform.</summary>
public static unsafe class Platform
{
    /// <summary>Exit status reported for a panic (QEMU sees a non-zero status).</summary>
    public const int PanicExitCode = 3;

    private static delegate*<int, void> s_powerOff;

    /// <summary>Installs the power-off routine. Status 0 means a clean shutdown.</summary>
    public static void SetPowerOff(delegate*<int, void> powerOff) => s_powerOff = powerOff;

    /// <summary>Powers the machine off with <paramref name="status"/>; spins if no routine is installed.</summary>
    public static void Stop(int status)
    {
        if (s_powerOff != null) s_powerOff(status);
        while (true) { }
    }
}
