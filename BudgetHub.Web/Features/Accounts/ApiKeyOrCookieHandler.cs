using System.Globalization;
using System.Security.Claims;
using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace BudgetHub.Web.Features.Accounts;

/// <summary>
/// The default scheme. <c>Authorization: Bearer &lt;key&gt;</c> on <c>/api</c> and on the live-updates hub
/// (<c>/hubs</c>, for a customer's own service that listens) is an API key, which acts as an Admin of its
/// account; every other request is the sign-in cookie's. A bare
/// <see cref="IAuthenticationHandler"/> because it runs on every ingested event: the framework's
/// handler base resolves options and creates a logger (under a process-wide lock) per request.
/// </summary>
internal sealed class ApiKeyOrCookieHandler(ApiKeyService apiKeys, ILogger<ApiKeyOrCookieHandler> logger) : IAuthenticationHandler
{
    public const string SchemeName = "ApiKeyOrCookie";

    private HttpContext _context = null!;
    private AuthenticateResult? _keyResult;

    private bool SendsApiKey => SendsApiKeyIn(_context.Request);

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _context = context;
        return Task.CompletedTask;
    }

    public static bool SendsApiKeyIn(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 && (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase));

    public async Task<AuthenticateResult> AuthenticateAsync() => SendsApiKey
        ? _keyResult ??= await AuthenticateKeyAsync(apiKeys, logger, _context.Request)
        : await _context.AuthenticateAsync(IdentityConstants.ApplicationScheme);

    public async Task ChallengeAsync(AuthenticationProperties? properties)
    {
        if (!SendsApiKey)
        {
            await _context.ChallengeAsync(IdentityConstants.ApplicationScheme, properties);
            return;
        }

        var revokedAt = BearerKeyIn(_context.Request) is { } key ? await apiKeys.RevokedAtAsync(key) : null;
        await ApiProblems.WriteAsync(_context, StatusCodes.Status401Unauthorized, "Unauthorized", revokedAt is { } revoked
            ? $"This API key was revoked on {revoked.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Create a new key in Settings → API keys."
            : "Send a valid API key as 'Authorization: Bearer <key>'. Keys are created in Settings → API keys.");
    }

    public Task ForbidAsync(AuthenticationProperties? properties) => SendsApiKey
        ? ApiProblems.WriteAsync(_context, StatusCodes.Status403Forbidden, "Forbidden", "This key or role may not do this.")
        : _context.ForbidAsync(IdentityConstants.ApplicationScheme, properties);

    private static async Task<AuthenticateResult> AuthenticateKeyAsync(ApiKeyService apiKeys, ILogger logger, HttpRequest request) =>
        await IdentifyKeyAsync(apiKeys, logger, request) is { } identity
            ? AuthenticateResult.Success(new AuthenticationTicket(identity.Principal, SchemeName))
            : AuthenticateResult.Fail("Send a valid API key as 'Authorization: Bearer <key>'.");

    /// <returns>The key's identity, or null when the header holds no bearer key or an unknown or revoked one.</returns>
    public static async ValueTask<ApiKeyIdentity?> IdentifyKeyAsync(ApiKeyService apiKeys, ILogger logger, HttpRequest request)
    {
        if (BearerKeyIn(request) is not { } key)
        {
            return null;
        }

        var identity = await apiKeys.AuthenticateAsync(key);
        if (identity is null)
        {
            logger.LogInformation("Refused an unknown or revoked API key starting {Prefix} from {Address}",
                key[..Math.Min(key.Length, 10)], request.HttpContext.Connection.RemoteIpAddress);
        }

        return identity;
    }

    private static string? BearerKeyIn(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
