using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Accounts;
using Microsoft.AspNetCore.Authentication;
using BudgetHub.Web.Hosting;
using Microsoft.Extensions.Options;

namespace BudgetHub.Web.Features.Accounts;

/// <summary><c>Authorization: Bearer &lt;key&gt;</c> for <c>/api/v1</c>. A key acts as an Admin of its account.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService apiKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await apiKeys.AuthenticateAsync(header["Bearer ".Length..].Trim());
        if (identity is null)
        {
            return AuthenticateResult.Fail("Invalid API key.");
        }

        var claims = new ClaimsIdentity(
            [
                new Claim(AccountClaims.AccountId, identity.AccountId.ToString(CultureInfo.InvariantCulture)),
                new Claim(AccountClaims.ApiKeyId, PublicIdOf(identity.KeyId)),
                new Claim(ClaimTypes.Role, nameof(MemberRole.Admin)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(claims), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "Send a valid API key as 'Authorization: Bearer <key>'. Keys are created in Settings → API keys.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This key or role may not do this.");

    private static string PublicIdOf(long keyId) => Domain.Common.PublicId.Format("key", keyId);
}
