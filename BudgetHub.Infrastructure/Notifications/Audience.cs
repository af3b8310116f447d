using System.Data.Common;
using BudgetHub.Domain.Accounts;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>A member who may hear about alerts, with their preferences per severity.</summary>
internal sealed record AudienceMember(string UserId, string Email, MemberRole Role, IReadOnlyDictionary<Severity, (bool Email, bool InApp)> Preferences)
{
    public (bool Email, bool InApp) Wants(Severity severity) =>
        Preferences.TryGetValue(severity, out var choice) ? choice : NotificationPreference.Default(severity);
}

/// <summary>Who an account's alerts may reach, read fresh when an alert is raised (rarely, so it may read).</summary>
internal sealed record Audience(string AccountName, string? AlertEmail, IReadOnlyList<AudienceMember> Members)
{
    public static Audience Load(DbConnection connection, DbTransaction transaction, long accountId)
    {
        string accountName = "", alertEmail = "";
        using (var account = HandSql.Command(connection, transaction, "SELECT Name, coalesce(AlertEmail, '') FROM Accounts WHERE Id = @a", ("@a", accountId)))
        using (var reader = account.ExecuteReader())
        {
            if (reader.Read())
            {
                accountName = reader.GetString(0);
                alertEmail = reader.GetString(1);
            }
        }

        var preferences = new Dictionary<string, Dictionary<Severity, (bool, bool)>>(StringComparer.Ordinal);
        using (var prefs = HandSql.Command(connection, transaction, "SELECT UserId, Severity, Email, InApp FROM NotificationPreferences WHERE AccountId = @a", ("@a", accountId)))
        using (var reader = prefs.ExecuteReader())
        {
            while (reader.Read())
            {
                var userId = reader.GetString(0);
                if (!preferences.TryGetValue(userId, out var choices))
                {
                    preferences[userId] = choices = [];
                }

                choices[Enum.Parse<Severity>(reader.GetString(1))] = (reader.GetBoolean(2), reader.GetBoolean(3));
            }
        }

        var members = new List<AudienceMember>();
        using (var query = HandSql.Command(connection, transaction, """
            SELECT m.UserId, u.Email, m.Role FROM AccountMembers m JOIN AspNetUsers u ON u.Id = m.UserId WHERE m.AccountId = @a
            """, ("@a", accountId)))
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                var userId = reader.GetString(0);
                members.Add(new AudienceMember(userId, reader.IsDBNull(1) ? "" : reader.GetString(1), Enum.Parse<MemberRole>(reader.GetString(2)),
                    preferences.TryGetValue(userId, out var choices) ? choices : new Dictionary<Severity, (bool, bool)>()));
            }
        }

        return new Audience(accountName, alertEmail.Length > 0 ? alertEmail : null, members);
    }

    /// <summary>
    /// The policy's recipients, else the account's owners (and its alert address) — then each
    /// member among them only if their preferences want email at this severity.
    /// </summary>
    public IEnumerable<string> EmailRecipients(IReadOnlyList<string> policyRecipients, Severity severity)
    {
        var wanted = policyRecipients.Count > 0
            ? policyRecipients
            : Members.Where(m => m.Role == MemberRole.Owner).Select(m => m.Email).Append(AlertEmail).OfType<string>().ToList();
        return wanted
            .Where(address => address.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(address => Members.FirstOrDefault(m => string.Equals(m.Email, address, StringComparison.OrdinalIgnoreCase)) is not { } member
                || member.Wants(severity).Email);
    }
}
