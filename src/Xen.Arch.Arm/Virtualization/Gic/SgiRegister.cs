// Decoding of ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 / ICC_SGI0R_EL1 writes, which EL1 cannot perform itself while
// HCR_EL2.IMO = 1: they trap to EL2 as EC 0x18 (Arm IHI 0069 §12.2.21 ICC_SGI1R_EL1, "Configurations":
// "if HCR_EL2.IMO == 1, NS EL1 accesses are trapped to EL2"). Value layout: TargetList [15:0] (Aff0 values
// RS*16 + bit), Aff1 [23:16], INTID [27:24], Aff2 [39:32], IRM bit 40 (1: every PE but the sender),
// RS [47:44] (range selector), Aff3 [55:48].
// The trapped-instruction syndrome (ESR_EL2 ISS for EC 0x18, Arm ARM D13.2.37): Op0 [21:20], Op2 [19:17],
// Op1 [16:14], CRn [13:10], Rt [9:5], CRm [4:1], Direction bit 0 (1 = read).
namespace Xen.Arch.Arm.Virtualization.Gic;

/// <summary>Trapped GIC system-register writes.</summary>
public static class SgiRegister
{
    /// <summary>Which register a trapped access named.</summary>
    public enum Kind
    {
        /// <summary>Something else.</summary>
        Other,
        /// <summary>ICC_SGI1R_EL1 (op0 3, op1 0, CRn 12, CRm 11, op2 5).</summary>
        Sgi1,
        /// <summary>ICC_ASGI1R_EL1 (op1 1, op2 6).</summary>
        AlternateSgi1,
        /// <summary>ICC_SGI0R_EL1 (op1 2, op2 7).</summary>
        Sgi0,
    }

    /// <summary>Classifies the system register of an EC 0x18 syndrome.</summary>
    public static Kind Classify(ulong esr, out int register, out bool isRead)
    {
        uint iss = (uint)esr & 0x1FFFFFF;
        uint op0 = (iss >> 20) & 3, op2 = (iss >> 17) & 7, op1 = (iss >> 14) & 7, crn = (iss >> 10) & 0xF, crm = (iss >> 1) & 0xF;
        register = (int)((iss >> 5) & 0x1F);
        isRead = (iss & 1) != 0;
        if (op0 != 3 || crn != 12 || crm != 11) return Kind.Other;
        if (op1 == 0 && op2 == 5) return Kind.Sgi1;
        if (op1 == 1 && op2 == 6) return Kind.AlternateSgi1;
        if (op1 == 2 && op2 == 7) return Kind.Sgi0;
        return Kind.Other;
    }

    /// <summary>The SGI number (INTID 0-15).</summary>
    public static uint Intid(ulong value) => (uint)(value >> 24) & 0xF;

    /// <summary>IRM: broadcast to every other PE.</summary>
    public static bool ToAllOthers(ulong value) => (value & (1UL << 40)) != 0;

    /// <summary>The vCPU ids the value targets (vCPU id = Aff0 with Aff1-3 zero, GuestPsci.MpidrOf), as a mask
    /// over ids 0-63; targets outside the domain are the caller's to drop.</summary>
    public static ulong TargetMask(ulong value, int senderId, int vcpuCount)
    {
        ulong all = vcpuCount >= 64 ? ~0UL : (1UL << vcpuCount) - 1;
        if (ToAllOthers(value)) return all & ~(1UL << senderId);
        // Aff3/Aff2/Aff1 must be 0 for our flat topology; RS selects Aff0 = RS * 16 + bit.
        if ((value & (0xFFUL << 48 | 0xFFUL << 32 | 0xFFUL << 16)) != 0) return 0;
        int rs = (int)((value >> 44) & 0xF);
        if (rs >= 4) return 0;
        ulong list = value & 0xFFFF;
        return (list << (rs * 16)) & all;
    }
}
