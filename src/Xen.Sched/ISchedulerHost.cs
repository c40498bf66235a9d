// Why this file exists: a policy must ask "the rest of the hypervisor" to reschedule a CPU (Xen's
// cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ), usually an IPI). The host implements it: the hypervisor
// core sends an IPI, the simulator queues an event.
namespace Xen.Sched;

/// <summary>Callbacks from a policy to the code that runs it.</summary>
public interface ISchedulerHost
{
    /// <summary>Requests that <see cref="IScheduler.DoSchedule"/> be called on <paramref name="cpu"/> as soon as possible.</summary>
    /// <param name="cpu">Physical CPU number.</param>
    void Tickle(int cpu);
}
