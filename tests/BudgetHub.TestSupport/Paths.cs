namespace BudgetHub.TestSupport;

public static class Paths
{
    /// <summary>The repository root: the folder with BudgetHub.sln above the test's output.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static string WebAppDirectory => Path.Combine(RepositoryRoot, "BudgetHub.Web", "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BudgetHub.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("BudgetHub.sln not found above " + AppContext.BaseDirectory);
    }
}
