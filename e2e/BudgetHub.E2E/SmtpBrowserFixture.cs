using System.Globalization;

namespace BudgetHub.E2E;

/// <summary>The browser and an app that sends its email to a real SMTP server, which a test may stop and start again.</summary>
public sealed class SmtpBrowserFixture : BrowserFixture
{
    public SmtpServer Smtp { get; private set; } = default!;

    protected override async Task<AppProcess> StartAppAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        return await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
