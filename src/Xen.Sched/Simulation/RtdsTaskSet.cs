// Why this file exists: random real-time task sets for the RTDS experiment — n implicit-deadline periodic
// tasks with a chosen total utilisation (uniform over the simplex, by sorted-uniform spacings), and the two
// admission tests that make a set provably schedulable under RTDS: the Goossens–Funk–Baruah bound for global
// EDF (U ≤ m − (m − 1)·u_max) or, failing that, first-fit-decreasing partitioning (per-CPU EDF, U_cpu ≤ 1)
// realised with hard affinity.
namespace Xen.Sched.Simulation;

/// <summary>How a task set is admitted.</summary>
public enum RtdsPlacement
{
    /// <summary>Global EDF over all CPUs (GFB test passed).</summary>
    Global,
    /// <summary>Each vCPU pinned to one CPU by first-fit decreasing.</summary>
    Partitioned,
    /// <summary>Neither test admits the set (or it is oversubscribed): run globally anyway.</summary>
    Unadmitted,
}

/// <summary>A periodic task set.</summary>
public sealed class RtdsTaskSet
{
    private static readonly long[] PeriodChoices =
    {
        10 * SchedTime.Millisecond, 20 * SchedTime.Millisecond, 25 * SchedTime.Millisecond,
        40 * SchedTime.Millisecond, 50 * SchedTime.Millisecond, 100 * SchedTime.Millisecond,
    };

    private RtdsTaskSet(int n)
    {
        Periods = new long[n];
        Wcets = new long[n];
        Cpu = new int[n];
    }

    /// <summary>Task periods (= deadlines = RTDS periods), ns.</summary>
    public long[] Periods { get; }

    /// <summary>Task execution times (= RTDS budgets), ns, whole microseconds.</summary>
    public long[] Wcets { get; }

    /// <summary>CPU each task is pinned to when partitioned, else -1.</summary>
    public int[] Cpu { get; }

    /// <summary>Number of tasks.</summary>
    public int Count => Periods.Length;

    /// <summary>Sum of WCET/period.</summary>
    public double Utilisation { get; private set; }

    /// <summary>How the set is admitted on the CPU count it was built for.</summary>
    public RtdsPlacement Placement { get; private set; }

    /// <summary>Draws a set of <paramref name="n"/> tasks with total utilisation close to <paramref name="total"/>, every task at most 1.</summary>
    /// <param name="rng">Random source.</param>
    /// <param name="n">Number of tasks.</param>
    /// <param name="total">Target utilisation.</param>
    /// <param name="cpus">CPUs available (for the admission tests).</param>
    /// <returns>The set, or null when the draw had a task above 1 (caller redraws).</returns>
    public static RtdsTaskSet? Generate(SimRandom rng, int n, double total, int cpus)
    {
        double[] cuts = new double[n + 1];
        for (int i = 1; i < n; i++)
        {
            cuts[i] = rng.NextDouble();
        }

        cuts[n] = 1.0;
        for (int i = 2; i < n; i++)
        {
            double x = cuts[i];
            int j = i - 1;
            while (j >= 1 && cuts[j] > x)
            {
                cuts[j + 1] = cuts[j];
                j--;
            }

            cuts[j + 1] = x;
        }

        RtdsTaskSet set = new RtdsTaskSet(n);
        double u = 0;
        double umax = 0;
        for (int i = 0; i < n; i++)
        {
            double ui = (cuts[i + 1] - cuts[i]) * total;
            if (ui > 1.0)
            {
                return null;
            }

            long p = PeriodChoices[rng.NextInt(PeriodChoices.Length)];
            long c = (long)(ui * p) / SchedTime.Microsecond * SchedTime.Microsecond;
            if (c < 10 * SchedTime.Microsecond)
            {
                c = 10 * SchedTime.Microsecond;
            }

            set.Periods[i] = p;
            set.Wcets[i] = c;
            set.Cpu[i] = -1;
            double real = (double)c / p;
            u += real;
            umax = real > umax ? real : umax;
        }

        set.Utilisation = u;
        if (u <= cpus && u <= cpus - ((cpus - 1) * umax))
        {
            set.Placement = RtdsPlacement.Global;
        }
        else if (u <= cpus && set.Partition(cpus))
        {
            set.Placement = RtdsPlacement.Partitioned;
        }
        else
        {
            set.Placement = RtdsPlacement.Unadmitted;
        }

        return set;
    }

    /// <summary>First-fit decreasing by utilisation; fills <see cref="Cpu"/> on success.</summary>
    private bool Partition(int cpus)
    {
        int n = Count;
        int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        for (int i = 1; i < n; i++)
        {
            int x = order[i];
            int j = i - 1;
            while (j >= 0 && Util(order[j]) < Util(x))
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = x;
        }

        double[] load = new double[cpus];
        for (int k = 0; k < n; k++)
        {
            int t = order[k];
            int placed = -1;
            for (int c = 0; c < cpus; c++)
            {
                if (load[c] + Util(t) <= 1.0)
                {
                    placed = c;
                    break;
                }
            }

            if (placed < 0)
            {
                for (int i = 0; i < n; i++)
                {
                    Cpu[i] = -1;
                }

                return false;
            }

            load[placed] += Util(t);
            Cpu[t] = placed;
        }

        return true;
    }

    private double Util(int i) => (double)Wcets[i] / Periods[i];
}
