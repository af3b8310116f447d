using System.Globalization;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>Values written by hand-made SQL in the exact form EF Core's SQLite provider writes and reads.</summary>
internal static class SqliteText
{
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        new(DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc));

    public static string? TextOrNull(Microsoft.Data.Sqlite.SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static object OrNull(object? value) => value ?? DBNull.Value;
}
