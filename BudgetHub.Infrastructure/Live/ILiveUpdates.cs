namespace BudgetHub.Infrastructure.Live;

/// <summary>Tells open pages and hub clients that an account's data changed. Cheap: safe on the hot path.</summary>
public interface ILiveUpdates
{
    void Publish(long accountId, LiveTopics topics);
}
