// Locates the repository (the folder holding Xen.slnx) and the built images under artifacts/images.
namespace Xen.Boot.Tests.Harness;

/// <summary>Paths inside the repository.</summary>
public static class Repository
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Xen.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Xen.slnx not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary>A test-guest kernel, e.g. Guest("Xen.Guest.Hello") → artifacts/guests/x64/Xen.Guest.Hello.elf.</summary>
    public static string Guest(string name)
    {
        string path = Path.Combine(Root, "artifacts", "guests", "x64", name + ".elf");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: build tests/guests/{name} (dotnet build -c Release)", path);
        return path;
    }

    /// <summary>An arm64 test guest's raw Image, e.g. ArmGuest("Xen.Guest.ArmHello") → artifacts/guests/arm64/Xen.Guest.ArmHello.Image.</summary>
    public static string ArmGuest(string name)
    {
        string path = Path.Combine(Root, "artifacts", "guests", "arm64", name + ".Image");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: build tests/guests/{name} (dotnet build -c Release)", path);
        return path;
    }

    /// <summary>An image file, e.g. Image("x64", "xen.elf"); fails clearly when it was not built.</summary>
    public static string Image(string arch, string name)
    {
        string path = Path.Combine(Root, "artifacts", "images", arch, name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: build the samples first (dotnet build -c Release)", path);
        return path;
    }
}
