// csc requires the non-generic enumeration interfaces to exist even for foreach over arrays (which it
// lowers to indexing); nothing in images implements them.
#pragma warning disable CS1591
namespace System.Collections;

public interface IEnumerable
{
    IEnumerator GetEnumerator();
}

public interface IEnumerator
{
    bool MoveNext();
    object? Current { get; }
    void Reset();
}
