// Why this file exists: the one allocation helper policies use to size per-slot arrays at insert time.
namespace Xen.Sched.Collections;

/// <summary>Grows arrays by doubling; used only on insert paths.</summary>
internal static class ArrayGrow
{
    /// <summary>Returns <paramref name="array"/> if it holds <paramref name="min"/> items, else a doubled copy.</summary>
    public static T[] To<T>(T[] array, int min)
    {
        if (array.Length >= min)
        {
            return array;
        }

        int n = array.Length < 4 ? 4 : array.Length;
        while (n < min)
        {
            n *= 2;
        }

        T[] grown = new T[n];
        for (int i = 0; i < array.Length; i++)
        {
            grown[i] = array[i];
        }

        return grown;
    }
}
