using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Public;
using Xen.Core.Scheduling;
using Xen.Core.Tests.Domains;

namespace Xen.Core.Tests.Scheduling;

// Real threads as physical CPUs running one CpuLoop: the loop must hand vCPUs to both, never run one vCPU on
// two CPUs at once, handle every exit exactly once, and stop on every CPU when nothing can run any more.
public sealed unsafe class SmpCpuLoopTests
{
    private sealed class ThreadCpus : IPhysicalCpus
    {
        [ThreadStatic] private static int t_index;
        private readonly SemaphoreSlim[] _wake;

        public ThreadCpus(int count)
        {
            _wake = new SemaphoreSlim[count];
            for (int i = 0; i < count; i++) _wake[i] = new SemaphoreSlim(0);
        }

        public int Count => _wake.Length;
        public int Current => t_index;
        public int Kicks;
        public static void Become(int index) => t_index = index;
        public void TakeInterrupts() { }
        public void WaitForWork() => _wake[t_index].Wait(5); // the host tick of a real machine bounds the idle
        public void Kick(int cpu) { Interlocked.Increment(ref Kicks); _wake[cpu].Release(); }
    }

    // A guest that makes `calls` hypercalls, "executing" between them without the host lock, then halts.
    private sealed class GuestBackend : IVcpuBackend
    {
        private int _inside;
        private int _remaining;
        private int _runs;
        public int Results;
        public bool Overlapped;
        public readonly HashSet<int> Cpus = new();
        private readonly ThreadCpus _cpus;

        public GuestBackend(ThreadCpus cpus, int calls) { _cpus = cpus; _remaining = calls; }

        public void LoadBootState(in VcpuBootState state) { }
        public VcpuExit Run()
        {
            if (Interlocked.Increment(ref _inside) != 1) Overlapped = true;
            lock (Cpus) Cpus.Add(_cpus.Current);
            bool held = HostLock.ReleaseIfHeld();
            Thread.SpinWait(2000); // guest time: the other CPU may take the lock meanwhile
            if (held) HostLock.Acquire();
            Interlocked.Decrement(ref _inside);
            if (++_runs % 5 == 0) return default; // a host tick ended the slice: the CPU picks again
            if (_remaining-- > 0) return new VcpuExit { Kind = VcpuExitKind.Hypercall, Hypercall = new HypercallArgs(HypercallNumber.XenVersion) };
            return new VcpuExit { Kind = VcpuExitKind.Halt };
        }
        public void CompleteHypercall(long result) => Results++;
        public void CompletePortIo(uint value) { }
        public void SkipInstruction() { }
        public void DumpState() { }
        public bool TryTranslateLinear(ulong linear, bool write, out ulong guestPhysical) { guestPhysical = linear; return true; }
    }

    [Fact]
    public void Two_cpus_share_six_vcpus_without_running_one_twice_and_both_stop()
    {
        using var memory = new TestMemory(4);
        var console = new CapturingConsole();
        var cpus = new ThreadCpus(2);
        var scheduler = new RoundRobinScheduler();
        var backends = new List<GuestBackend>();
        for (int d = 0; d < 3; d++)
        {
            var p2m = Memory.P2m.Allocate(memory.Pages, 16)!;
            var domain = new Domain((ushort)(d + 1), "d", p2m, 2, console);
            foreach (Vcpu v in domain.Vcpus)
            {
                var backend = new GuestBackend(cpus, 50);
                backends.Add(backend);
                v.Backend = backend;
                v.State = VcpuState.Runnable;
                scheduler.Add(v);
            }
        }
        var loop = new CpuLoop(scheduler, HypercallDispatcher.CreateDefault(new HypervisorIdentity()), console, cpus);
        var threads = new Thread[2];
        for (int c = 0; c < 2; c++)
        {
            int index = c;
            threads[c] = new Thread(() => { ThreadCpus.Become(index); loop.Run(); });
            threads[c].Start();
        }
        foreach (Thread t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a CPU never left the run loop");

        Assert.All(backends, b => Assert.Equal(50, b.Results));
        Assert.All(backends, b => Assert.False(b.Overlapped));
        Assert.True(loop.ExitsHandled >= 6UL * 51);
        Assert.True(loop.ExitsPerCpu[0] > 0 && loop.ExitsPerCpu[1] > 0, "both CPUs must have run vCPUs");
        Assert.Contains(backends, b => b.Cpus.Count == 2); // vCPUs migrate between CPUs
    }
}
