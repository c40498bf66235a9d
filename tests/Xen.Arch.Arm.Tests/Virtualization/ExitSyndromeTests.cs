using Xen.Arch.Arm.Virtualization;

namespace Xen.Arch.Arm.Tests.Virtualization;

public sealed class ExitSyndromeTests
{
    [Fact]
    public void Hvc_syndrome_gives_class_and_immediate()
    {
        // hvc #0xEA1: EC 0x16, IL 1, ISS = imm16.
        const ulong esr = 0x16UL << 26 | 1UL << 25 | 0xEA1;
        Assert.Equal(ExitSyndrome.ClassHvc, ExitSyndrome.Class(esr));
        Assert.Equal(ExitSyndrome.XenHypercallTag, ExitSyndrome.Immediate(esr));
        Assert.True(ExitSyndrome.Is32BitInstruction(esr));
        Assert.Equal(0x5A000042UL >> 26, (ulong)ExitSyndrome.ClassHvc); // observed `hvc #0x42` under QEMU
    }

    [Fact]
    public void Observed_qemu_data_abort_syndromes_decode()
    {
        // shared/notes/toolchain-arm64.md: strb w2 to an unmapped UART and ldr w3.
        const ulong store = 0x93020045;
        Assert.Equal(ExitSyndrome.ClassDataAbortLower, ExitSyndrome.Class(store));
        Assert.True(ExitSyndrome.IsValid(store));
        Assert.Equal(1, ExitSyndrome.AccessSize(store));
        Assert.Equal(2, ExitSyndrome.Register(store));
        Assert.True(ExitSyndrome.IsWrite(store));
        Assert.Equal(5u, ExitSyndrome.FaultStatus(store));
        const ulong load = 0x93830005;
        Assert.Equal(4, ExitSyndrome.AccessSize(load));
        Assert.Equal(3, ExitSyndrome.Register(load));
        Assert.False(ExitSyndrome.IsWrite(load));
        Assert.False(ExitSyndrome.SignExtend(load));
    }

    [Fact]
    public void Wfi_and_wfe_are_told_apart_by_ti()
    {
        Assert.False(ExitSyndrome.IsWfe(0x01UL << 26 | 1UL << 25));
        Assert.True(ExitSyndrome.IsWfe(0x01UL << 26 | 1UL << 25 | 1));
    }

    [Fact]
    public void Fault_ipa_combines_hpfar_page_and_far_offset()
    {
        // HPFAR_EL2.FIPA holds IPA[47:12] in bits [43:4].
        Assert.Equal(0x22000018UL, ExitSyndrome.FaultIpa(0x22000UL << 4, 0xFFFF_0000_1234_5018));
    }
}
