namespace BudgetHub.IntegrationTests.Usage;

/// <summary>The writer is the one serial stage of ingestion: it has a thread of its own, which the OS runs ahead of the request threads.</summary>
public sealed class WriterThreadTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task TheWriter_RunsOnItsOwnThread_AheadOfTheRequestThreads_WhichStayAtTheirPriority()
    {
        using var client = fixture.App.CreateClient();
        // A burst of parallel requests, so that the thread pool grows while the writer answers them.
        var burst = Enumerable.Range(0, 64).Select(i => client.PostJsonAsync("/api/v1/usage/events", Api.Event($"writer-thread-{i}-{Guid.NewGuid():N}")));
        Assert.All(await Task.WhenAll(burst), response => response.EnsureSuccessStatusCode());

        var threads = fixture.App.Threads();
        var writer = Assert.Single(threads, t => t.Name == "Meter writer");
        var others = Assert.Single(threads.Where(t => t.Name != "Meter writer").Select(t => t.Nice).Distinct());
        // Raising a thread's priority takes CAP_SYS_NICE; without it the writer runs at the others' priority.
        Assert.Equal(fixture.App.CanRaisePriority() ? -10 : others, writer.Nice);
    }
}
