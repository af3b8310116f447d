using System.Runtime.InteropServices;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Lets the one serial stage of ingestion, the writer, run ahead of the request threads when the
/// cores are busy: every request waits on its commits, while the request threads have work to spare.
/// .NET's <see cref="Thread.Priority"/> changes nothing on Linux; there, each thread has a nice value
/// of its own, set with setpriority(PRIO_PROCESS, 0, …) from the thread itself.
/// </summary>
internal static class SerialThread
{
    private const int ProcessPriority = 0;
    private const int Nice = -10;

    /// <summary>Raises the calling thread's priority; false where the OS or the process's rights do not allow it.</summary>
    public static bool TryRunFirst() => OperatingSystem.IsLinux() && SetPriority(ProcessPriority, 0, Nice) == 0;

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
