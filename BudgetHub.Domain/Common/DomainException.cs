namespace BudgetHub.Domain.Common;

/// <summary>A broken invariant of the domain. Expected outcomes are values, never this.</summary>
public sealed class DomainException(string message) : Exception(message);
