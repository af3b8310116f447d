namespace BudgetHub.Web.Features.Budgets;

/// <summary>Which kind of usage policy the editor starts from, and which scope it is locked to.</summary>
public enum PolicyPreset
{
    /// <summary>Any scope; the soft-budget defaults of a monthly cost budget alerting at 50, 75 and 90%.</summary>
    Budget,

    /// <summary>A spend limit for each user of a tier.</summary>
    TierTemplate,

    /// <summary>A spend limit for one user, replacing their tier template.</summary>
    UserOverride,
}
