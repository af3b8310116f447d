using System.Text;
using BudgetHub.Web.Hosting;

namespace BudgetHub.Web.Tests.Hosting;

public sealed class JsonSyntaxTests
{
    [Theory]
    [InlineData("""{"limit":5}""")]
    [InlineData("""{"limit":"5","limit":6}""")]
    [InlineData("[1, 2]\n")]
    public void ProblemIn_WellFormedJson_IsNone(string body) => Assert.Null(ProblemIn(body));

    [Theory]
    [InlineData("", "The body is empty: send JSON.")]
    [InlineData(" \r\n", "The body is empty: send JSON.")]
    [InlineData("""{"name":"Café""", "The JSON is incomplete: it ends at line 1, position 13,")]
    [InlineData("{\n  \"limit\": 12\n", "The JSON is incomplete: it ends at line 2, position 13,")]
    [InlineData("""{"error":tru""", "The JSON is incomplete: it ends at line 1, position 12,")]
    [InlineData("""{"name":"Café" "limit":5}""", "The JSON is malformed at line 1, position 16 ('\"'):")]
    [InlineData("""{"limit":5}}""", "The JSON is malformed at line 1, position 12 ('}'):")]
    [InlineData("[[[1]]]", "The JSON nests objects and arrays more than 2 levels deep.")]
    public void ProblemIn_NamesWhereTheJsonBreaks_InCharactersFromOne(string body, string problem) =>
        Assert.StartsWith(problem, ProblemIn(body, maxDepth: 2), StringComparison.Ordinal);

    private static string? ProblemIn(string body, int maxDepth = 64) => JsonSyntax.ProblemIn(Encoding.UTF8.GetBytes(body), maxDepth);
}
