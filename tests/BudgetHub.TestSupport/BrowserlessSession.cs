using System.Net;
using System.Text.RegularExpressions;

namespace BudgetHub.TestSupport;

/// <summary>Signs in or registers through the real static Identity forms, keeping the cookie like a browser.</summary>
public sealed partial class BrowserlessSession : IDisposable
{
    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };

    public BrowserlessSession(Uri baseAddress)
    {
        Client = new HttpClient(_handler) { BaseAddress = baseAddress };
    }

    /// <summary>Carries the sign-in cookie (and no API key).</summary>
    public HttpClient Client { get; }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await SubmitAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    public async Task<HttpResponseMessage> RegisterAsync(string accountName, string email, string password, string? invite = null) =>
        await SubmitAsync("/Account/Register" + (invite is null ? "" : "?invite=" + Uri.EscapeDataString(invite)), new()
        {
            ["Input.AccountName"] = accountName,
            ["Input.DisplayName"] = "Test person",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    /// <summary>Signs out as the user menu does: a form post with the antiforgery token of a signed-in page.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var page = await Client.GetStringAsync("/Account/Manage");
        return await Client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
        }));
    }

    /// <summary>The sign-in cookie as a browser would send it (to replay it from another client).</summary>
    public string CookieHeader => _handler.CookieContainer.GetCookieHeader(Client.BaseAddress!);

    /// <summary>GETs the page, then posts its form with the antiforgery token and handler name it rendered.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, Dictionary<string, string> fields)
    {
        var page = await Client.GetStringAsync(path);
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
            ["_handler"] = Hidden(page, "_handler"),
        };
        return await Client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    private static string Hidden(string html, string name)
    {
        var match = HiddenInput().Matches(html).FirstOrDefault(m => m.Groups["name"].Value == name)
            ?? throw new InvalidOperationException($"No hidden field {name} on the page.");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
    }
}
