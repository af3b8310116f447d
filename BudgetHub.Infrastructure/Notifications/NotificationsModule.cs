using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Infrastructure.Notifications;

public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section);
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddOptions<Retention.RetentionOptions>().BindConfiguration(Retention.RetentionOptions.Section);
        services.AddSingleton<EmailTransport>();
        services.AddHttpClient<WebhookSender>(client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<OutboxKick>();
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<AlertMaintenance>();
        services.AddScoped<DailyDigest>();
        services.AddSingleton<Retention.RetentionJob>();
        services.AddScoped<Metering.MeterTidyUp>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<PreferenceService>();
        return services;
    }
}
