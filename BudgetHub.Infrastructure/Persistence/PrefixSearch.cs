using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>
/// A search box's "starts with, in any case" on both providers. <c>string.StartsWith</c> becomes LIKE, which ignores
/// (ASCII) case on SQLite but not on PostgreSQL, where ILIKE does. The text typed is escaped: its <c>%</c> and
/// <c>_</c> match only themselves.
/// </summary>
internal static class PrefixSearch
{
    private const string Escape = "\\";

    /// <param name="predicate">The condition, calling its second parameter for each column that should start with <paramref name="prefix"/>.</param>
    public static Expression<Func<T, bool>> Where<T>(DbContext context, string prefix, Expression<Func<T, Func<string?, bool>, bool>> predicate)
    {
        var pattern = prefix.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal) + "%";
        Expression<Func<string?, bool>> startsWith = context.Database.IsNpgsql()
            ? text => EF.Functions.ILike(text!, pattern, Escape)
            : text => EF.Functions.Like(text, pattern, Escape);
        var body = new StartsWithCalls(predicate.Parameters[1], startsWith).Visit(predicate.Body);
        return Expression.Lambda<Func<T, bool>>(body, predicate.Parameters[0]);
    }

    /// <summary>Puts the provider's LIKE in place of each call of the predicate's <c>startsWith</c> parameter.</summary>
    private sealed class StartsWithCalls(ParameterExpression startsWithParameter, Expression<Func<string?, bool>> startsWith) : ExpressionVisitor
    {
        protected override Expression VisitInvocation(InvocationExpression node) =>
            node.Expression == startsWithParameter
                ? ReplacingExpressionVisitor.Replace(startsWith.Parameters[0], Visit(node.Arguments[0]), startsWith.Body)
                : base.VisitInvocation(node);
    }
}
