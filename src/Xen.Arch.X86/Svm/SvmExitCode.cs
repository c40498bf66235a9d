// #VMEXIT codes (AMD APM vol. 2 appendix C, table C-1) that this hypervisor names and handles.
namespace Xen.Arch.X86.Svm;

/// <summary>VMEXIT_* codes.</summary>
public static class SvmExitCode
{
#pragma warning disable CS1591 // APM names
    public const ulong ExceptionBase = 0x40; // 0x40 + vector, for vectors 0-31
    public const ulong Intr = 0x60, Nmi = 0x61, Smi = 0x62, Init = 0x63, Vintr = 0x64;
    public const ulong Cpuid = 0x72, Iret = 0x74, Invd = 0x76, Pause = 0x77, Hlt = 0x78, Invlpg = 0x79;
    public const ulong Ioio = 0x7B, Msr = 0x7C, TaskSwitch = 0x7D, Shutdown = 0x7F;
    public const ulong Vmrun = 0x80, Vmmcall = 0x81, Vmload = 0x82, Vmsave = 0x83, Stgi = 0x84, Clgi = 0x85, Skinit = 0x86;
    public const ulong Rdtscp = 0x87, Wbinvd = 0x89, Monitor = 0x8A, Mwait = 0x8B, Xsetbv = 0x8D;
    public const ulong Npf = 0x400;
    public const ulong Invalid = ulong.MaxValue; // VMEXIT_INVALID (-1): VMRUN found illegal guest state
#pragma warning restore CS1591

    /// <summary>The APM's name for <paramref name="code"/> (lower case, without the VMEXIT_ prefix).</summary>
    public static string Name(ulong code)
    {
        if (code >= ExceptionBase && code < ExceptionBase + 32) return ExceptionName(code - ExceptionBase);
        if (code < 0x10) return "cr_read";
        if (code < 0x20) return "cr_write";
        if (code < 0x30) return "dr_read";
        if (code < 0x40) return "dr_write";
        return code switch
        {
            Intr => "INTR", Nmi => "NMI", Smi => "SMI", Init => "INIT", Vintr => "VINTR",
            Cpuid => "CPUID", Iret => "IRET", Invd => "INVD", Pause => "PAUSE", Hlt => "HLT", Invlpg => "INVLPG",
            Ioio => "IOIO", Msr => "MSR", TaskSwitch => "TASK_SWITCH", Shutdown => "SHUTDOWN",
            Vmrun => "VMRUN", Vmmcall => "VMMCALL", Vmload => "VMLOAD", Vmsave => "VMSAVE", Stgi => "STGI",
            Clgi => "CLGI", Skinit => "SKINIT", Rdtscp => "RDTSCP", Wbinvd => "WBINVD", Monitor => "MONITOR",
            Mwait => "MWAIT", Xsetbv => "XSETBV", Npf => "NPF", Invalid => "INVALID",
            _ => "other",
        };
    }

    private static string ExceptionName(ulong vector) => vector switch
    {
        0 => "EXCP_DE", 1 => "EXCP_DB", 2 => "EXCP_NMI", 3 => "EXCP_BP", 4 => "EXCP_OF", 5 => "EXCP_BR",
        6 => "EXCP_UD", 7 => "EXCP_NM", 8 => "EXCP_DF", 10 => "EXCP_TS", 11 => "EXCP_NP", 12 => "EXCP_SS",
        13 => "EXCP_GP", 14 => "EXCP_PF", 16 => "EXCP_MF", 17 => "EXCP_AC", 18 => "EXCP_MC", 19 => "EXCP_XF",
        _ => "EXCP_other",
    };
}
