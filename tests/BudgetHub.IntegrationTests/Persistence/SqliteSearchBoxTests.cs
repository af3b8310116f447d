namespace BudgetHub.IntegrationTests.Persistence;

public sealed class SqliteSearchBoxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("budgethub-search-").FullName;

    [Fact]
    public Task SearchBoxes_MatchAPrefixInAnyCase_AndTakeWildcardsLiterally() =>
        SearchBoxes.MatchInAnyCase_AndTakeWildcardsLiterallyAsync("Sqlite", $"Data Source={Path.Combine(_folder, "search.db")}");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
