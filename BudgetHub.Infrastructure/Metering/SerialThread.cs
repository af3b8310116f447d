using System.Runtime.InteropServices;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Lets the one serial stage of ingestion, the writer, run ahead of the request threads when the
/// cores are busy: every request waits on its commits, while the request threads have work to spare.
/// .NET's <see cref="Thread.Priority"/> changes nothing on Linux; there, each thread has a nice value
/// of its own, set with setpriority from the thread itself. It needs CAP_SYS_NICE (or RLIMIT_NICE).
/// </summary>
internal static class SerialThread
{
    private const int PrioProcess = 0;
    private const int CallingThread = 0;
    private const int Nice = -10;
    private const int SchedOther = 0;

    /// <summary>Threads this thread creates start at nice 0 again (the thread pool creates workers on the thread that queues work).</summary>
    private const int SchedResetOnFork = 0x40000000;

    /// <summary>Raises the calling thread's priority; false where the OS or the process's rights do not allow it.</summary>
    public static bool TryRunFirst()
    {
        if (!OperatingSystem.IsLinux() || SetPriority(PrioProcess, CallingThread, Nice) != 0)
        {
            return false;
        }

        var schedulingPriority = 0;
        return SetScheduler(CallingThread, SchedOther | SchedResetOnFork, ref schedulingPriority) == 0;
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    private static extern int SetScheduler(int pid, int policy, ref int schedulingPriority);
}
