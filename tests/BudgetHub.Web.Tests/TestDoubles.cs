using System.Reflection;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Metering;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace BudgetHub.Web.Tests;

/// <summary>The background jobs asked for, counted and never run (e.g. an outbox delivery kicked after an email was queued).</summary>
internal sealed class RecordingJobs : IBackgroundJobClient
{
    private int _created;

    public int Created => Volatile.Read(ref _created);

    public string Create(Job job, IState state) => Interlocked.Increment(ref _created).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}

/// <summary>A meter for services under test that must never reach it: any call fails the test.</summary>
public class UnusedMeter : DispatchProxy
{
    public static IUsageMeter Create() => Create<IUsageMeter, UnusedMeter>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new NotSupportedException(targetMethod?.Name);
}

/// <summary>Live updates that go nowhere, where no page is under test.</summary>
internal sealed class NoLiveUpdates : ILiveUpdates
{
    public void Publish(long accountId, LiveTopics topics)
    {
    }
}
