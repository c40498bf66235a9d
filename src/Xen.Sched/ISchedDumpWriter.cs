// Why this file exists: 'xl debug-keys r' style state dumps without string formatting in the core:
// the policy emits tokens, the host (console, test, simulator) renders them.
namespace Xen.Sched;

/// <summary>Receives a scheduler state dump token by token.</summary>
public interface ISchedDumpWriter
{
    /// <summary>Writes literal text.</summary>
    /// <param name="text">Text (a literal; the core never builds strings).</param>
    void Text(string text);

    /// <summary>Writes a number.</summary>
    /// <param name="value">Value.</param>
    void Number(long value);

    /// <summary>Ends the current line.</summary>
    void EndLine();
}
