// Turns one parsed xl.cfg into a DomainSpec, checking what an image needs (docs/man/xl.cfg.5.pod.in):
// name= is mandatory; kernel= must name a file of the bundle; memory=/maxmem= in MiB (maxmem ≥ memory);
// vcpus=/maxvcpus= within 1..128 (maxvcpus ≥ vcpus); cmdline= wins over root=/extra=, which otherwise make
// "root=ROOT EXTRA" (xl.cfg: "When cmdline= is set, root= and extra= will be ignored"); on_* ACTIONs; cpus=
// as a CPULIST string (all vCPUs) or a list of them (one per vCPU). Every problem is recorded with the line
// of its setting, and the domain is then left out.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>XlConfig → DomainSpec.</summary>
internal static class DomainSpecBuilder
{
    // Memory above 16 TiB is surely a typo (and would overflow page counts).
    private const ulong MaxMemoryMiB = 16UL << 20;

    public static DomainSpec? Build(XlConfig config, string file, ReadOnlySpan<byte> module, BundleFiles files, IssueList issues)
    {
        int before = issues.Count;
        var spec = new DomainSpec { Config = config, ConfigFile = file };

        XlValue? name = config.Find("name");
        if (name is null) issues.Add(file, 0, "name= is missing (it is mandatory)");
        else if (name.Kind != XlValueKind.String) issues.Add(file, name.Line, "name= must be a string");
        else if (name.Text.Length == 0) issues.Add(file, name.Line, "name= is empty");
        else spec.Name = Ascii.ToString(name.Text);

        XlValue? type = config.Find("type");
        XlValue? builder = config.Find("builder");
        if (type is not null)
        {
            if (type.IsString("pvh")) spec.Type = GuestType.Pvh;
            else if (type.IsString("hvm")) spec.Type = GuestType.Hvm;
            else if (type.IsString("pv")) spec.Type = GuestType.Pv;
            else issues.Add(file, type.Line, "type= must be \"pv\", \"pvh\" or \"hvm\"");
        }
        else if (builder is not null)
        {
            if (builder.IsString("hvm")) spec.Type = GuestType.Hvm;
            else if (builder.IsString("generic")) spec.Type = GuestType.Pv;
            else issues.Add(file, builder.Line, "builder= must be \"generic\" or \"hvm\"");
        }

        spec.MemoryMiB = Number(config, "memory", DomainSpec.DefaultMemoryMiB, file, issues);
        if (spec.MemoryMiB == 0) issues.Add(file, config.LineOf("memory"), "memory= must not be 0");
        else if (spec.MemoryMiB > MaxMemoryMiB) issues.Add(file, config.LineOf("memory"), "memory= is above 16 TiB");
        spec.MaxMemoryMiB = Number(config, "maxmem", spec.MemoryMiB, file, issues);
        if (config.Find("maxmem") is not null)
        {
            if (spec.MaxMemoryMiB < spec.MemoryMiB) issues.Add(file, config.LineOf("maxmem"), "maxmem= is less than memory=");
            else if (spec.MaxMemoryMiB > MaxMemoryMiB) issues.Add(file, config.LineOf("maxmem"), "maxmem= is above 16 TiB");
        }

        ulong vcpus = Number(config, "vcpus", 1, file, issues);
        if (vcpus == 0) issues.Add(file, config.LineOf("vcpus"), "vcpus= must not be 0");
        else if (vcpus > DomainSpec.MaxVcpus) issues.Add(file, config.LineOf("vcpus"), "vcpus= is above 128");
        else spec.Vcpus = (int)vcpus;
        ulong maxVcpus = Number(config, "maxvcpus", vcpus, file, issues);
        if (config.Find("maxvcpus") is null) spec.MaximumVcpus = spec.Vcpus;
        else if (maxVcpus > DomainSpec.MaxVcpus) issues.Add(file, config.LineOf("maxvcpus"), "maxvcpus= is above 128");
        else if (maxVcpus < vcpus) issues.Add(file, config.LineOf("maxvcpus"), "maxvcpus= is less than vcpus=");
        else spec.MaximumVcpus = (int)maxVcpus;

        XlValue? kernel = config.Find("kernel");
        if (kernel is null) issues.Add(file, 0, "kernel= is missing (the bundle boots kernels directly)");
        else if (kernel.Kind != XlValueKind.String) issues.Add(file, kernel.Line, "kernel= must be a string");
        else if (!files.TryFind(module, kernel.Text, out ByteRange k)) issues.Add(file, kernel.Line, "kernel= names a file that is not in the bundle");
        else
        {
            spec.Kernel = k;
            spec.KernelFormat = KernelFormats.Detect(k.In(module));
            if (spec.KernelFormat == KernelFormat.Unknown) issues.Add(file, kernel.Line, "kernel= is neither an ELF file nor an arm64 Image");
        }

        XlValue? ramdisk = config.Find("ramdisk");
        if (ramdisk is not null)
        {
            if (ramdisk.Kind != XlValueKind.String) issues.Add(file, ramdisk.Line, "ramdisk= must be a string");
            else if (!files.TryFind(module, ramdisk.Text, out ByteRange r)) issues.Add(file, ramdisk.Line, "ramdisk= names a file that is not in the bundle");
            else spec.Ramdisk = r;
        }

        spec.CommandLine = CommandLine(config, file, issues);
        spec.OnPoweroff = Action(config, "on_poweroff", DomainAction.Destroy, file, issues);
        spec.OnReboot = Action(config, "on_reboot", DomainAction.Restart, file, issues);
        spec.OnCrash = Action(config, "on_crash", DomainAction.Destroy, file, issues);
        spec.Affinity = Affinity(config, file, issues);
        spec.AffinityIsPerVcpu = config.Find("cpus") is { Kind: XlValueKind.List };
        return issues.Count == before ? spec : null;
    }

    private static ulong Number(XlConfig config, string key, ulong fallback, string file, IssueList issues)
    {
        XlValue? v = config.Find(key);
        if (v is null) return fallback;
        if (v.Kind == XlValueKind.Number) return v.Number;
        issues.Add(file, v.Line, NumberMessage(key));
        return fallback;
    }

    private static string NumberMessage(string key) => key switch
    {
        "memory" => "memory= must be a number (MiB)",
        "maxmem" => "maxmem= must be a number (MiB)",
        "vcpus" => "vcpus= must be a number",
        _ => "maxvcpus= must be a number",
    };

    private static byte[] CommandLine(XlConfig config, string file, IssueList issues)
    {
        XlValue? cmdline = StringSetting(config, "cmdline", "cmdline= must be a string", file, issues);
        if (cmdline is not null) return cmdline.Text;
        if (config.Find("cmdline") is not null) return Array.Empty<byte>();
        XlValue? root = StringSetting(config, "root", "root= must be a string", file, issues);
        XlValue? extra = StringSetting(config, "extra", "extra= must be a string", file, issues);
        int length = (root is null ? 0 : 5 + root.Text.Length) + (root is not null && extra is not null ? 1 : 0)
            + (extra is null ? 0 : extra.Text.Length);
        byte[] line = new byte[length];
        int n = 0;
        if (root is not null)
        {
            line[n++] = (byte)'r'; line[n++] = (byte)'o'; line[n++] = (byte)'o'; line[n++] = (byte)'t'; line[n++] = (byte)'=';
            root.Text.AsSpan().CopyTo(line.AsSpan(n));
            n += root.Text.Length;
            if (extra is not null) line[n++] = (byte)' ';
        }
        if (extra is not null) extra.Text.AsSpan().CopyTo(line.AsSpan(n));
        return line;
    }

    private static XlValue? StringSetting(XlConfig config, string key, string message, string file, IssueList issues)
    {
        XlValue? v = config.Find(key);
        if (v is null) return null;
        if (v.Kind == XlValueKind.String) return v;
        issues.Add(file, v.Line, message);
        return null;
    }

    private static DomainAction Action(XlConfig config, string key, DomainAction fallback, string file, IssueList issues)
    {
        XlValue? v = config.Find(key);
        if (v is null) return fallback;
        if (v.IsString("destroy")) return DomainAction.Destroy;
        if (v.IsString("restart")) return DomainAction.Restart;
        if (v.IsString("rename-restart")) return DomainAction.RenameRestart;
        if (v.IsString("preserve")) return DomainAction.Preserve;
        if (v.IsString("coredump-destroy")) return DomainAction.CoredumpDestroy;
        if (v.IsString("coredump-restart")) return DomainAction.CoredumpRestart;
        if (v.IsString("soft-reset")) return DomainAction.SoftReset;
        issues.Add(file, v.Line, "unknown ACTION (destroy, restart, rename-restart, preserve, coredump-destroy, coredump-restart, soft-reset)");
        return fallback;
    }

    private static CpuMask[] Affinity(XlConfig config, string file, IssueList issues)
    {
        XlValue? v = config.Find("cpus");
        if (v is null) return Array.Empty<CpuMask>();
        if (v.Kind == XlValueKind.String)
        {
            string? error = CpuListParser.Parse(v.Text, out CpuMask mask);
            if (error is not null) { issues.Add(file, v.Line, error); return Array.Empty<CpuMask>(); }
            return new[] { mask };
        }
        if (v.Kind != XlValueKind.List || v.Count == 0)
        {
            issues.Add(file, v.Line, "cpus= must be a CPULIST string or a non-empty list of them");
            return Array.Empty<CpuMask>();
        }
        if (v.Count > DomainSpec.MaxVcpus) { issues.Add(file, v.Line, "cpus= lists more than 128 vCPUs"); return Array.Empty<CpuMask>(); }
        var masks = new CpuMask[v.Count];
        for (int i = 0; i < v.Count; i++)
        {
            XlValue item = v.Item(i);
            string? error = item.Kind == XlValueKind.String ? CpuListParser.Parse(item.Text, out masks[i]) : "cpus= list items must be CPULIST strings";
            if (error is not null) { issues.Add(file, item.Line, error); return Array.Empty<CpuMask>(); }
        }
        return masks;
    }
}
