// The boot bundle: what domains the image starts, from the one boot module it was given. Either a cpio newc
// archive holding xl.cfg files (*.cfg) plus the kernels and ramdisks they name — one domain per cfg, in cfg
// file name order (bytewise) — or a lone ELF / arm64 Image, which is one domain with defaults: name "d1",
// 128 MiB, 1 vCPU, the module's command line. Archive errors stop the parse (with CpioError + offset); cfg
// syntax and validation errors are reported per file and leave that domain out, so the launcher can decide
// whether to start the rest (IsValid says whether everything was fine).
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>A parsed boot module: the domains to build, or what is wrong with it.</summary>
public sealed class BootBundle
{
    private BootBundle(BundleKind kind, DomainSpec[] domains, BundleIssue[] issues, CpioError cpioError, int cpioErrorOffset)
    {
        Kind = kind;
        Domains = domains;
        Issues = issues;
        CpioError = cpioError;
        CpioErrorOffset = cpioErrorOffset;
    }

    /// <summary>What the module is.</summary>
    public BundleKind Kind { get; }

    /// <summary>The valid domains, in cfg file name order.</summary>
    public DomainSpec[] Domains { get; }

    /// <summary>Problems, per file (syntax and validation).</summary>
    public BundleIssue[] Issues { get; }

    /// <summary>Why the archive could not be read (None if it could).</summary>
    public CpioError CpioError { get; }

    /// <summary>Where in the module <see cref="CpioError"/> was found.</summary>
    public int CpioErrorOffset { get; }

    /// <summary>True if the module was understood, every cfg is valid and there is at least one domain.</summary>
    public bool IsValid => Kind != BundleKind.Unknown && CpioError == CpioError.None && Issues.Length == 0 && Domains.Length > 0;

    /// <summary>Parses <paramref name="module"/>; <paramref name="commandLine"/> is the module's own command line
    /// (used as the guest command line of a lone kernel). Never throws; keep <paramref name="module"/> alive: the
    /// domains' kernels and ramdisks are ranges of it.</summary>
    public static BootBundle Parse(ReadOnlySpan<byte> module, ReadOnlySpan<byte> commandLine)
    {
        if (CpioNewcReader.LooksLikeCpio(module)) return ParseArchive(module);
        KernelFormat format = KernelFormats.Detect(module);
        if (format == KernelFormat.Unknown)
        {
            var issues = new IssueList();
            issues.Add(string.Empty, 0, "the boot module is neither a cpio newc archive, an ELF file nor an arm64 Image");
            return new BootBundle(BundleKind.Unknown, Array.Empty<DomainSpec>(), issues.ToArray(), CpioError.None, 0);
        }
        var spec = new DomainSpec
        {
            Kernel = new ByteRange(0, module.Length),
            KernelFormat = format,
            CommandLine = commandLine.ToArray(),
        };
        return new BootBundle(format == KernelFormat.Elf ? BundleKind.Elf : BundleKind.Arm64Image, new[] { spec },
            Array.Empty<BundleIssue>(), CpioError.None, 0);
    }

    /// <summary>A short description of a <see cref="CpioError"/> for boot messages.</summary>
    public static string Describe(CpioError error) => error switch
    {
        CpioError.None => "no error",
        CpioError.TruncatedHeader => "truncated cpio header",
        CpioError.BadMagic => "bad cpio magic (not 070701)",
        CpioError.BadHexField => "non-hex character in a cpio header field",
        CpioError.EmptyName => "cpio member with namesize 0",
        CpioError.NamePastEnd => "cpio member name runs past the end",
        CpioError.NameNotTerminated => "cpio member name not NUL-terminated",
        CpioError.DataPastEnd => "cpio member data runs past the end",
        CpioError.MissingTrailer => "cpio archive has no TRAILER!!!",
        _ => "unknown cpio error",
    };

    private static BootBundle ParseArchive(ReadOnlySpan<byte> module)
    {
        var files = new BundleFiles();
        var reader = new CpioNewcReader(module);
        while (reader.Next(out CpioEntry entry))
            if (entry.IsRegularFile) files.Add(module, entry);
        var issues = new IssueList();
        if (reader.Error != CpioError.None)
        {
            issues.Add(string.Empty, 0, Describe(reader.Error));
            return new BootBundle(BundleKind.Cpio, Array.Empty<DomainSpec>(), issues.ToArray(), reader.Error, reader.ErrorOffset);
        }

        int[] order = CfgOrder(module, files);
        var domains = new DomainSpec[order.Length];
        int count = 0;
        for (int i = 0; i < order.Length; i++)
        {
            string file = Ascii.ToString(files.NameAt(order[i]).In(module));
            XlConfig config = XlConfigParser.Parse(files.DataAt(order[i]).In(module));
            if (!config.IsValid)
            {
                issues.Add(file, config.ErrorLine, config.ErrorMessage!);
                continue;
            }
            DomainSpec? spec = DomainSpecBuilder.Build(config, file, module, files, issues);
            if (spec is null) continue;
            if (NameTaken(domains, count, spec.Name))
            {
                issues.Add(file, config.LineOf("name"), "name= is already used by another cfg of the bundle");
                continue;
            }
            domains[count++] = spec;
        }
        if (order.Length == 0) issues.Add(string.Empty, 0, "the archive holds no *.cfg file");
        var result = new DomainSpec[count];
        for (int i = 0; i < count; i++) result[i] = domains[i];
        return new BootBundle(BundleKind.Cpio, result, issues.ToArray(), CpioError.None, 0);
    }

    // Indexes of the *.cfg members, sorted bytewise by name (insertion sort: bundles hold a handful). A name given
    // twice keeps only its last member, as TryFind does.
    private static int[] CfgOrder(ReadOnlySpan<byte> module, BundleFiles files)
    {
        int n = 0;
        var picked = new int[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            ReadOnlySpan<byte> name = files.NameAt(i).In(module);
            if (!BundleFiles.EndsWithCfg(name)) continue;
            bool replaced = false;
            for (int j = 0; j < n; j++)
            {
                if (!files.NameAt(picked[j]).In(module).SequenceEqual(name)) continue;
                picked[j] = i;
                replaced = true;
                break;
            }
            if (replaced) continue;
            int k = n++;
            while (k > 0 && Compare(files.NameAt(picked[k - 1]).In(module), name) > 0)
            {
                picked[k] = picked[k - 1];
                k--;
            }
            picked[k] = i;
        }
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = picked[i];
        return order;
    }

    private static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int n = a.Length < b.Length ? a.Length : b.Length;
        for (int i = 0; i < n; i++)
            if (a[i] != b[i]) return a[i] - b[i];
        return a.Length - b.Length;
    }

    private static bool NameTaken(DomainSpec[] domains, int count, string name)
    {
        for (int i = 0; i < count; i++)
            if (string.Equals(domains[i].Name, name)) return true;
        return false;
    }
}
