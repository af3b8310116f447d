using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>
/// The app's address for links in emails: <c>Email:PublicBaseUrl</c> when set (behind a proxy, a domain),
/// else the address the app listens on, as started (<c>--urls</c>, launch settings).
/// </summary>
public sealed class AppAddress(IOptions<EmailOptions> email, IServiceProvider services)
{
    private const string Fallback = "http://localhost:5080";

    public string BaseUrl => (email.Value.PublicBaseUrl ?? Listening() ?? Fallback).TrimEnd('/');

    /// <summary>Null without a web server (the meter alone in tests); a wildcard host reads as localhost.</summary>
    private string? Listening()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)) ?? addresses?.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri.GetLeftPart(UriPartial.Authority);
    }
}
