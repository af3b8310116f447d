using System.Security.Claims;
using BudgetHub.Domain.Common;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using static BudgetHub.Web.Features.Budgets.PolicyContract;

namespace BudgetHub.Web.Features.Budgets;

/// <summary><c>/api/v1/policies</c>: list, create, read, replace, delete.</summary>
internal static class PoliciesEndpoints
{
    public static RouteGroupBuilder MapPoliciesEndpoints(this RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/policies").WithTags("Policies");
        policies.MapGet("/", ListAsync).WithName("ListPolicies").RequireAuthorization(Policies.Member);
        policies.MapGet("/{id}", GetAsync).WithName("GetPolicy").ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Member);
        // 403: a role that may not manage budgets, or a retention policy for a role below Owner and Admin.
        policies.MapPost("/", CreateAsync).WithName("CreatePolicy").AcceptsJsonBody<PolicyRequest>()
            .Produces<PolicyResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(Policies.ManageBudgets);
        policies.MapPut("/{id}", UpdateAsync).WithName("UpdatePolicy").AcceptsJsonBody<PolicyRequest>()
            .Produces<PolicyResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ManageBudgets);
        policies.MapDelete("/{id}", DeleteAsync).WithName("DeletePolicy")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ManageBudgets);
        return api;
    }

    private static async Task<Ok<ItemsResponse<PolicyResponse>>> ListAsync(ClaimsPrincipal user, PolicyService service, CancellationToken ct)
    {
        var rows = await service.ListAsync(user.GetAccountId(), ct: ct);
        return TypedResults.Ok(new ItemsResponse<PolicyResponse>(rows.Select(ToResponse).ToList()));
    }

    private static async Task<Results<Ok<PolicyResponse>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, PolicyService service, CancellationToken ct)
    {
        var row = PublicId.TryParse("pol", id, out var policyId) ? await service.GetAsync(user.GetAccountId(), policyId, ct) : null;
        return row is null ? NotFound(id) : TypedResults.Ok(ToResponse(row));
    }

    /// <summary>What the fields of a policy take, for the errors of a body that cannot be read (others take a string).</summary>
    private static readonly Dictionary<string, string> FieldTypes = new(StringComparer.Ordinal)
    {
        ["limit"] = "a number",
        ["thresholds"] = "a list of whole percentages, e.g. [50, 75, 90]",
        ["thresholds[]"] = "a whole percentage from 1 to 99",
        ["enabled"] = "true or false",
        ["notify.email"] = "true or false",
        ["notify.inApp"] = "true or false",
        ["notify.recipients"] = "a list of email addresses",
        ["scope"] = "an object, e.g. {\"type\": \"bot\", \"id\": \"support-bot\"}",
        ["window"] = "an object, e.g. {\"type\": \"fixed\", \"unit\": \"month\"}",
        ["notify"] = "an object, e.g. {\"email\": true}",
        ["filter"] = "an object, e.g. {\"model\": \"gpt-4o\"}",
    };

    private static async Task<IResult> CreateAsync(HttpContext context, ClaimsPrincipal user, PolicyService service)
    {
        var (input, problem) = await ReadAsync(context, service, user.GetAccountId(), stored: null);
        if (problem is not null)
        {
            return problem;
        }

        var change = await service.CreateAsync(user.GetAccountId(), input!, user.GetActorName(), context.RequestAborted);
        return change.Succeeded
            ? TypedResults.Created($"/api/v1/policies/{IdOf(change.Policy!.Id)}", ToResponse(change.Policy))
            : Invalid(change.Errors);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, ClaimsPrincipal user, PolicyService service)
    {
        if (!PublicId.TryParse("pol", id, out var policyId) || await service.GetAsync(user.GetAccountId(), policyId, context.RequestAborted) is not { } stored)
        {
            return NotFound(id);
        }

        var (input, problem) = await ReadAsync(context, service, user.GetAccountId(), stored);
        if (problem is not null)
        {
            return problem;
        }

        var change = await service.UpdateAsync(user.GetAccountId(), policyId, input!, user.GetActorName(), context.RequestAborted);
        return change is null ? NotFound(id) : change.Succeeded ? TypedResults.Ok(ToResponse(change.Policy!)) : Invalid(change.Errors);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpContext context, ClaimsPrincipal user, PolicyService service, CancellationToken ct)
    {
        if (!PublicId.TryParse("pol", id, out var policyId) || await service.GetAsync(user.GetAccountId(), policyId, ct) is not { } stored)
        {
            return NotFound(id);
        }

        if (stored.Kind == PolicyKind.Retention && !await MayManageRetentionAsync(context))
        {
            return RetentionRefused();
        }

        return await service.DeleteAsync(user.GetAccountId(), policyId, user.GetActorName(), ct) ? TypedResults.NoContent() : NotFound(id);
    }

    /// <summary>
    /// Reads the body and reports every field error at once, a name another policy has among them. A retention
    /// policy, stored or asked for, is refused first to a role that may not manage retention.
    /// </summary>
    private static async Task<(PolicyInput? Input, IResult? Problem)> ReadAsync(
        HttpContext context, PolicyService service, long accountId, PolicyRecord? stored)
    {
        var mayManageRetention = await MayManageRetentionAsync(context);
        if (stored?.Kind == PolicyKind.Retention && !mayManageRetention)
        {
            return (null, RetentionRefused());
        }

        var (request, problem) = await StrictJsonBody.ReadAsync<PolicyRequest>(context, "a policy", FieldTypes);
        if (request is null)
        {
            return (null, problem);
        }

        if (request.Kind == Name(PolicyKind.Retention) && !mayManageRetention)
        {
            return (null, RetentionRefused());
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (stored is not null && request.Id is { } sentId && sentId.ToString() != IdOf(stored.Id))
        {
            errors["id"] = [$"Does not match the policy in the address ({IdOf(stored.Id)}): leave it out, or PUT to the policy it names."];
        }

        var input = PolicyContract.ToInput(request, errors);
        foreach (var (field, messages) in await service.ValidateAsync(accountId, input, stored?.Id, context.RequestAborted))
        {
            errors.TryAdd(field, messages);
        }

        return errors.Count > 0 ? (null, Invalid(errors)) : (input, null);
    }

    /// <summary>Retention deletes usage data: like the Retention settings and <c>/retention/run</c>, it is for Owners and Admins.</summary>
    private static async Task<bool> MayManageRetentionAsync(HttpContext context) =>
        (await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, Policies.ManageAccount)).Succeeded;

    private static ProblemHttpResult RetentionRefused() =>
        ApiResults.Forbidden("Retention policies decide what usage data is deleted: only Owners and Admins may create, change or delete them.");

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => ApiResults.Invalid(errors);

    private static ProblemHttpResult NotFound(string id) => ApiResults.NotFound($"There is no policy '{id}' in this account.");
}

/// <summary>Every list of the API answers <c>{ "items": [...] }</c>, with <c>nextCursor</c> where paged.</summary>
internal sealed record ItemsResponse<T>(IReadOnlyList<T> Items, string? NextCursor = null);
