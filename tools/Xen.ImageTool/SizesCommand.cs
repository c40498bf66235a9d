// `sizes`: prints each image's size, which the build log and CI keep as a tracked number.
namespace Xen.ImageTool;

/// <summary>Prints image sizes.</summary>
public static class SizesCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(IEnumerable<string> files)
    {
        foreach (string f in files)
        {
            var info = new FileInfo(f);
            if (info.Exists) Console.WriteLine($"  image {Path.GetFullPath(f)}: {info.Length:N0} bytes");
        }
        return 0;
    }
}
