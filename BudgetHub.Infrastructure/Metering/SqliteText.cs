using System.Globalization;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>Values written by hand-made SQL in the exact form EF Core's SQLite provider writes and reads.</summary>
internal static class SqliteText
{
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static object OrNull(object? value) => value ?? DBNull.Value;
}
