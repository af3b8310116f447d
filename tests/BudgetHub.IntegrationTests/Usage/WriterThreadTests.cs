namespace BudgetHub.IntegrationTests.Usage;

/// <summary>The writer is the one serial stage of ingestion: it has a thread of its own, which the OS runs ahead of the request threads.</summary>
public sealed class WriterThreadTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task TheWriter_RunsOnItsOwnThread_AheadOfTheRequestThreads()
    {
        using var client = fixture.App.CreateClient();
        (await client.PostJsonAsync("/api/v1/usage/events", Api.Event("writer-thread-1"))).EnsureSuccessStatusCode();

        var threads = fixture.App.Threads();
        var writer = Assert.Single(threads, t => t.Name == "Meter writer");
        var others = Assert.Single(threads.Where(t => t.Name != "Meter writer").Select(t => t.Nice).Distinct());
        // Raising a thread's priority takes CAP_SYS_NICE, which root has; without it the writer runs at the others' priority.
        Assert.Equal(Environment.IsPrivilegedProcess ? -10 : others, writer.Nice);
    }
}
