namespace BudgetHub.Domain.Common;

/// <summary>A calendar window, aligned in the account's time zone. Weeks start on Monday.</summary>
public enum CalendarUnit
{
    Hour,
    Day,
    Week,
    Month,
}
