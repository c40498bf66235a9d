// Why: the core must also compile against the tiny bare-metal corelib (shared/DESIGN.md §3). Until CI
// builds that flavour for Xen.Store, this test keeps the forbidden APIs out of the core's sources.
using System.Text.RegularExpressions;

namespace Xen.Store.Tests.Core;

public sealed class BareMetalRulesTests
{
    private static readonly (string Pattern, string Why)[] Forbidden =
    {
        (@"using System\.Linq", "no LINQ"),
        (@"using System\.Collections\.Generic", "no System.Collections.Generic"),
        (@"using System\.Reflection", "no reflection"),
        (@"using System\.Threading\.Tasks", "no async/tasks"),
        (@"\basync\b|\bawait\b", "no async"),
        (@"new Thread\(|ThreadPool\.", "no threads"),
        (@"string\.Format|\$""", "no string formatting"),
        (@"\bDictionary<|\bList<|\bHashSet<|\bQueue<", "no BCL collections"),
        (@"System\.Text\.Encoding", "no System.Text encodings"),
    };

    [Fact]
    public void Core_sources_avoid_apis_missing_bare_metal()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir != null && !Directory.Exists(Path.Combine(dir, "src", "Xen.Store")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        Assert.NotNull(dir);
        string[] files = Directory.GetFiles(Path.Combine(dir!, "src", "Xen.Store"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)).ToArray();
        Assert.True(files.Length > 20);
        var violations = new List<string>();
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = lines[i].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith("///", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var (pattern, why) in Forbidden)
                {
                    if (Regex.IsMatch(code, pattern))
                    {
                        violations.Add($"{Path.GetFileName(file)}:{i + 1}: {why}: {code}");
                    }
                }
            }

            Assert.True(lines.Length < 420, Path.GetFileName(file) + " exceeds the ~400 line guideline");
        }

        Assert.Empty(violations);
    }
}
