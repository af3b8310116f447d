using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetHub.Domain.Common;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using static BudgetHub.Web.Features.Budgets.PolicyContract;

namespace BudgetHub.Web.Features.Budgets;

/// <summary><c>/api/v1/policies</c>: list, create, read, replace, delete.</summary>
internal static class PoliciesEndpoints
{
    public static RouteGroupBuilder MapPoliciesEndpoints(this RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/policies").WithTags("Policies");
        policies.MapGet("/", ListAsync).WithName("ListPolicies").RequireAuthorization(Policies.Member);
        policies.MapGet("/{id}", GetAsync).WithName("GetPolicy").RequireAuthorization(Policies.Member);
        policies.MapPost("/", CreateAsync).WithName("CreatePolicy").RequireAuthorization(Policies.ManageBudgets);
        policies.MapPut("/{id}", UpdateAsync).WithName("UpdatePolicy").RequireAuthorization(Policies.ManageBudgets);
        policies.MapDelete("/{id}", DeleteAsync).WithName("DeletePolicy").RequireAuthorization(Policies.ManageBudgets);
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

    /// <summary>
    /// The API's JSON settings, stricter: a misspelled field (<c>"threshold"</c>, <c>"block_for"</c>)
    /// would otherwise be dropped and the policy saved with a default the caller did not mean, and
    /// <c>"limit": "5"</c> is a string, as it is everywhere else in the API.
    /// </summary>
    private static JsonSerializerOptions StrictOptions(JsonSerializerOptions api) =>
        Strict ??= new JsonSerializerOptions(api) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, NumberHandling = JsonNumberHandling.Strict };

    private static JsonSerializerOptions? Strict;

    private static async Task<IResult> CreateAsync(HttpContext context, ClaimsPrincipal user, PolicyService service, IOptions<JsonOptions> json)
    {
        var (input, problem) = await ReadAsync(context, json.Value.SerializerOptions, service, user.GetAccountId(), policyId: null);
        if (problem is not null)
        {
            return problem;
        }

        var change = await service.CreateAsync(user.GetAccountId(), input!, user.GetActorName(), context.RequestAborted);
        return change.Succeeded
            ? TypedResults.Created($"/api/v1/policies/{IdOf(change.Policy!.Id)}", ToResponse(change.Policy))
            : Invalid(change.Errors);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, ClaimsPrincipal user, PolicyService service, IOptions<JsonOptions> json)
    {
        if (!PublicId.TryParse("pol", id, out var policyId) || await service.GetAsync(user.GetAccountId(), policyId, context.RequestAborted) is null)
        {
            return NotFound(id);
        }

        var (input, problem) = await ReadAsync(context, json.Value.SerializerOptions, service, user.GetAccountId(), policyId);
        if (problem is not null)
        {
            return problem;
        }

        var change = await service.UpdateAsync(user.GetAccountId(), policyId, input!, user.GetActorName(), context.RequestAborted);
        return change is null ? NotFound(id) : change.Succeeded ? TypedResults.Ok(ToResponse(change.Policy!)) : Invalid(change.Errors);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ClaimsPrincipal user, PolicyService service, CancellationToken ct) =>
        PublicId.TryParse("pol", id, out var policyId) && await service.DeleteAsync(user.GetAccountId(), policyId, user.GetActorName(), ct)
            ? TypedResults.NoContent()
            : NotFound(id);

    /// <summary>Reads the body and reports every field error at once, a name another policy has among them.</summary>
    private static async Task<(PolicyInput? Input, IResult? Problem)> ReadAsync(
        HttpContext context, JsonSerializerOptions options, PolicyService service, long accountId, long? policyId)
    {
        var body = await RequestBody.ReadJsonAsync(context);
        if (body.Problem is { } problem)
        {
            return (null, problem);
        }

        PolicyRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<PolicyRequest>(body.Bytes.Span, StrictOptions(options));
        }
        catch (JsonException ex)
        {
            var (field, message) = PolicyJsonErrors.Of(ex);
            return (null, Invalid(new() { [field] = [message] }));
        }

        if (request is null)
        {
            return (null, Invalid(new() { ["body"] = ["Send a policy object."] }));
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (policyId is { } id && request.Id is { } sentId && sentId.ToString() != IdOf(id))
        {
            errors["id"] = [$"Does not match the policy in the address ({IdOf(id)}): leave it out, or PUT to the policy it names."];
        }

        var input = PolicyContract.ToInput(request, errors);
        foreach (var (field, messages) in await service.ValidateAsync(accountId, input, policyId, context.RequestAborted))
        {
            errors.TryAdd(field, messages);
        }

        return errors.Count > 0 ? (null, Invalid(errors)) : (input, null);
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => ApiResults.Invalid(errors);

    private static ProblemHttpResult NotFound(string id) => ApiResults.NotFound($"There is no policy '{id}' in this account.");
}

/// <summary>Every list of the API answers <c>{ "items": [...] }</c>, with <c>nextCursor</c> where paged.</summary>
internal sealed record ItemsResponse<T>(IReadOnlyList<T> Items, string? NextCursor = null);
