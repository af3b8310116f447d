using System.Globalization;
using BudgetHub.Infrastructure.Persistence;
using BudgetHub.Web.Features.Budgets;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetHub.Web.Hosting;

/// <param name="Before">The <c>nextCursor</c> of the previous page: only rows older than it.</param>
internal readonly record struct PageParameters(int Limit, long? Before);

/// <summary>The <c>limit</c> and <c>cursor</c> of a paged list (alerts, the enforcement log), read the same way by every endpoint that pages.</summary>
internal static class Paging
{
    public const int DefaultLimit = 100;
    public const string CursorError = "Use the nextCursor of the previous page.";

    /// <summary>Adds a field error to <paramref name="errors"/> for each parameter that is not a page's.</summary>
    /// <param name="limit">1 to <paramref name="maxLimit"/> rows, <see cref="DefaultLimit"/> when not given.</param>
    public static PageParameters Parse(string? limit, string? cursor, int maxLimit, Dictionary<string, string[]> errors)
    {
        var rows = DefaultLimit;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out rows) && rows >= 1 && rows <= maxLimit))
        {
            errors["limit"] = [$"A whole number from 1 to {maxLimit}."];
        }

        long? before = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                before = id;
            }
            else
            {
                errors["cursor"] = [CursorError];
            }
        }

        return new PageParameters(rows, before);
    }

    public static ItemsResponse<TItem> Items<TRow, TItem>(Page<TRow> page, Func<TRow, TItem> item) =>
        new(page.Rows.Select(item).ToList(), page.NextCursor?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Documents <c>limit</c> and <c>cursor</c>, which bind as text so that <see cref="Parse"/> can name what is wrong.</summary>
    public static RouteHandlerBuilder WithPageParameters(this RouteHandlerBuilder endpoint, int maxLimit) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Name == "limit")
                {
                    parameter.Description = $"Rows per page, newest first (default {DefaultLimit}).";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = maxLimit.ToString(CultureInfo.InvariantCulture) };
                }
                else if (parameter.Name == "cursor")
                {
                    parameter.Description = "The previous page's nextCursor (null on the last page, which has no next).";
                }
            }

            return Task.CompletedTask;
        });
}
