namespace BudgetHub.IntegrationTests;

/// <summary>A setting the app cannot work with stops it at start, naming the setting and what it takes, instead of failing later in a job or a request.</summary>
public sealed class BadSettingsTests
{
    [Theory]
    [InlineData("Retention:PauseMilliseconds", "-1", "Retention:PauseMilliseconds must be from 0 to 60000.")]
    [InlineData("Retention:BatchSize", "0", "Retention:BatchSize must be from 1 to 100000 rows.")]
    [InlineData("RateLimits:IngestPerSecond", "0", "RateLimits:IngestPerSecond must be a whole number of requests, 1 or more.")]
    [InlineData("RateLimits:IngestBurst", "-5", "RateLimits:IngestBurst must be a whole number of requests, 1 or more.")]
    [InlineData("Email:Smtp:Port", "70000", "Email:Smtp:Port must be from 1 to 65535.")]
    [InlineData("Email:From", "alerts at example", "Email:From must be an address")]
    [InlineData("Bootstrap:ApiKey", "sk-live-123", "Bootstrap:ApiKey must start with 'bh_'")]
    public async Task TheAppRefusesToStart_NamingTheSettingAndWhatItTakes(string key, string value, string message)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(new Dictionary<string, string> { [key] = value }));

        Assert.StartsWith("The app exited with", refused.Message, StringComparison.Ordinal);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
