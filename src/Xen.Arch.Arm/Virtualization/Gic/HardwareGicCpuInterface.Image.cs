// IGicCpuInterface over this CPU's real ICH_* registers (Hardware/SystemRegisters.s); one instance per CPU.
// It remembers what it last wrote or read so unchanged list registers and ICH_HCR_EL2 are not rewritten on
// every entry (under QEMU TCG each system-register access is a helper call).
using Xen.Arch.Arm.Hardware;

namespace Xen.Arch.Arm.Virtualization.Gic;

/// <summary>The physical CPU's virtual-interface registers.</summary>
internal sealed class HardwareGicCpuInterface : IGicCpuInterface
{
    internal static readonly HardwareGicCpuInterface Instance = new HardwareGicCpuInterface();

    private readonly ulong[] _lr = new ulong[VgicCpu.MaxListRegisters];
    private ulong _control = ulong.MaxValue;

    public VgicCpu? Loaded { get; set; }
    public int ListRegisterCount => HostGic.ListRegisters;

    public ulong ReadListRegister(int index)
    {
        ulong value = SystemRegisters.ReadIchLr(index);
        _lr[index & 15] = value;
        return value;
    }

    public void WriteListRegister(int index, ulong value)
    {
        if (_lr[index & 15] == value) return;
        _lr[index & 15] = value;
        SystemRegisters.WriteIchLr(index, value);
    }

    public ulong ReadVmcr() => SystemRegisters.ReadIchVmcr();
    public void WriteVmcr(ulong value) => SystemRegisters.WriteIchVmcr(value);
    public ulong ReadActivePriorities() => SystemRegisters.ReadIchAp1r0();
    public void WriteActivePriorities(ulong value) => SystemRegisters.WriteIchAp1r0(value);

    public void WriteControl(ulong value)
    {
        if (_control == value) return;
        _control = value;
        SystemRegisters.WriteIchHcr(value);
    }

    /// <summary>Empties every list register (before the host idles: a pending virtual interrupt of the last
    /// guest must not keep waking WFI at EL2). The vCPUs' saved copies are untouched and reloaded on entry.</summary>
    internal void ClearListRegisters()
    {
        for (int i = 0; i < HostGic.ListRegisters; i++) WriteListRegister(i, 0);
    }
}
