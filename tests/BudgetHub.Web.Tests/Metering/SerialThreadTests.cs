using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Web.Tests.Metering;

public sealed class SerialThreadTests
{
    /// <summary>This thread's nice value, from /proc (field 19 of its stat line).</summary>
    private static int NiceOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void TheWriterRunsFirst_ButTheThreadsItStarts_DoNot()
    {
        var (raised, writer, child) = (false, 0, 0);
        var thread = new Thread(() =>
        {
            raised = SerialThread.TryRunFirst();
            writer = NiceOfThisThread();
            var started = new Thread(() => child = NiceOfThisThread());
            started.Start();
            started.Join();
        });
        var baseline = NiceOfThisThread();

        thread.Start();
        thread.Join();

        Assert.Equal(raised ? -10 : baseline, writer);
        Assert.Equal(raised ? 0 : baseline, child);
    }
}
