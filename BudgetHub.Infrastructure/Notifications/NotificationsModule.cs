using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BudgetHub.Infrastructure.Notifications;

public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EmailTransport>();
        // WebhookSender times the answer out itself, by the app's clock.
        services.AddHttpClient<WebhookSender>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                PublicAddressGuard.Handler(provider.GetRequiredService<IOptions<NotificationOptions>>().Value.AllowPrivateWebhookTargets));
        services.AddSingleton<AppAddress>();
        services.AddSingleton<OutboxKick>();
        services.AddSingleton<OutgoingWebhookSecret>();
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<AlertMaintenance>();
        services.AddScoped<DailyDigest>();
        services.AddSingleton<DeliveryStatus>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<AlertWriter>();
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<PreferenceService>();
        return services;
    }
}
