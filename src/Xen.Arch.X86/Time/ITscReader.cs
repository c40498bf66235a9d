// Reading the time-stamp counter, behind an interface so the clock arithmetic runs hosted against a fake
// counter; images bind it to RDTSC (TscReader.Image.cs).
namespace Xen.Arch.X86.Time;

/// <summary>A source of TSC values.</summary>
public interface ITscReader
{
    /// <summary>The current TSC.</summary>
    ulong Read();
}
