namespace BudgetHub.Domain.Common;

/// <summary>Public identifiers of stored rows: a short prefix and the row number, e.g. <c>pol_3</c>.</summary>
public static class PublicId
{
    public static string Format(string prefix, long id) => $"{prefix}_{id}";

    public static bool TryParse(string prefix, string? value, out long id)
    {
        id = 0;
        return value is not null
            && value.Length > prefix.Length + 1
            && value.StartsWith(prefix, StringComparison.Ordinal)
            && value[prefix.Length] == '_'
            && value[prefix.Length + 1] != '0' // one spelling per id: pol_07 is not pol_7
            && long.TryParse(value.AsSpan(prefix.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id)
            && id > 0;
    }
}
