namespace BudgetHub.Domain.Enforcement;

/// <summary>How loud an alert is, from the threshold it crossed.</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
    Exceeded,
}

public static class SeverityRules
{
    public static Severity ForThreshold(int percent) => percent switch
    {
        >= 100 => Severity.Exceeded,
        >= 95 => Severity.Critical,
        >= 80 => Severity.Warning,
        _ => Severity.Info,
    };
}
