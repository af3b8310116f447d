using BudgetHub.Domain.Common;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Persistence;
using BudgetHub.Web.Components.Account;
using BudgetHub.Web.Features.Accounts;
using BudgetHub.Web.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace BudgetHub.Web.Hosting;

internal static class WebHostingExtensions
{
    public const long MaxApiBodyBytes = 1024 * 1024;

    /// <summary>The developer settings live at the repository root; load them when running from source.</summary>
    public static void AddRootDevelopmentSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            return;
        }

        var rootSettings = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, "..", "appsettings.Development.json"));
        if (File.Exists(rootSettings))
        {
            builder.Configuration.AddJsonFile(rootSettings, optional: true, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine(Environment.GetCommandLineArgs().Skip(1).ToArray());
        }
    }

    public static IServiceCollection AddWebShell(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(config => config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = FrameworkProblems.Describe);
        // A parameter or body that cannot be bound reaches the problem details with its reason (FrameworkProblems)
        // in every environment, not only in Development: else the answer is a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.AllowDuplicateProperties = false;
            // A number is a JSON number: "10" is refused, and the OpenAPI document says number, not number or string.
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            options.SerializerOptions.Encoder = ApiJson.Encoder;
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddSingleton<StrictJsonOptions>();
        services.AddApiDocument();
        services.AddHealthChecks();
        services.AddSingleton<Readiness>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LiveNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveNotifier>());
        services.AddSingleton<ILiveUpdates>(sp => sp.GetRequiredService<LiveNotifier>());
        services.AddSignalR(options => options.EnableDetailedErrors = false);
        return services;
    }

    /// <summary>Registered last, so the meter's writer runs before counters load and the demo seeds.</summary>
    public static IServiceCollection AddStartupWorkers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostedService<ReadinessWorker>();
        if (configuration.GetValue<bool>("Demo:Simulator"))
        {
            services.AddHostedService<DemoSimulator>();
        }

        return services;
    }

    public static IServiceCollection AddIdentityAndSignIn(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddTransient<ApiKeyOrCookieHandler>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.AddScheme<ApiKeyOrCookieHandler>(ApiKeyOrCookieHandler.SchemeName, "API key or sign-in cookie");
                options.DefaultAuthenticateScheme = ApiKeyOrCookieHandler.SchemeName;
                options.DefaultChallengeScheme = ApiKeyOrCookieHandler.SchemeName;
                options.DefaultForbidScheme = ApiKeyOrCookieHandler.SchemeName;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<BudgetHubDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // The stamp is checked on every request that a session cookie signs: a removed member or a new role
        // takes effect at once, not a minute later. API keys, which the hot paths use, are not affected.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "budgethub.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(7);
            var validateSecurityStamp = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = context => SignedOutNotice.ValidatePrincipalAsync(context, validateSecurityStamp);
            options.Events.OnRedirectToLogin = context => context.Request.IsApiRequest()
                ? ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
                    "Send a valid API key as 'Authorization: Bearer <key>'. Keys are created in Settings → API keys.")
                : RedirectAsync(context);
            options.Events.OnRedirectToAccessDenied = context => context.Request.IsApiRequest()
                ? ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "Your role in this account may not do this.")
                : RedirectAsync(context);
        });
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddBudgetHubAuthorization();
        return services;
    }

    private static Task RedirectAsync(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The <c>/api/v1</c> group: API key or sign-in cookie, answered with problem details.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization(policy => policy.RequireClaim(AccountClaims.AccountId))
            .TakesApiKey();
        api.AddEndpointFilter(RefuseControlCharacters);
        return api;
    }

    /// <summary>A route or query value with a control character is refused before any endpoint looks anything up with it.</summary>
    private static async ValueTask<object?> RefuseControlCharacters(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && PlainText.HasControlCharacters(text))
            {
                errors[name] = [PlainText.ControlCharactersError];
            }
        }

        foreach (var (name, values) in request.Query)
        {
            if (values.Any(value => value is not null && PlainText.HasControlCharacters(value)))
            {
                errors[name] = [PlainText.ControlCharactersError];
            }
        }

        return errors.Count == 0 ? await next(context) : ApiResults.Invalid(errors, "Nothing was done: fix the parameters below.");
    }

    /// <summary>Bodies sent to <c>/api</c> are limited to 1 MiB, with or without a Content-Length.</summary>
    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.IsApiRequest()
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxApiBodyBytes;
            }

            return next(context);
        });
}
