using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Web.Tests.Architecture;

/// <summary>
/// The modular monolith's rules, checked on the compiled assemblies. Each was seen failing once by
/// breaking the rule on purpose (a Domain reference to EF Core, an Infrastructure reference to Web).
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(BudgetHub.Domain.Common.Money).Assembly;
    private static readonly Assembly Infrastructure = typeof(BudgetHub.Infrastructure.Persistence.BudgetHubDbContext).Assembly;

    private static IEnumerable<string> ReferencesOf(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [Fact]
    public void Domain_ReferencesNothingButTheBaseClassLibrary()
    {
        var foreign = ReferencesOf(Domain).Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard").ToList();

        Assert.Empty(foreign);
    }

    public static TheoryData<string> Projects => ["BudgetHub.Domain", "BudgetHub.Infrastructure", "BudgetHub.Web"];

    /// <summary>Time comes from <see cref="TimeProvider"/> everywhere, so that windows are tested with a fake clock.</summary>
    [Theory]
    [MemberData(nameof(Projects))]
    public void NoProject_ReadsTheSystemClock(string project)
    {
        var assembly = Assembly.Load(project);
        const BindingFlags declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var clocks = assembly.GetTypes()
            .SelectMany(t => t.GetMethods(declared).Cast<MethodBase>().Concat(t.GetConstructors(declared)))
            .Where(m => m.GetMethodBody() is not null)
            .Where(UsesNow)
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .ToList();

        Assert.Empty(clocks);
    }

    [Fact]
    public void Infrastructure_DoesNotReferenceTheWebProject()
    {
        Assert.DoesNotContain("BudgetHub.Web", ReferencesOf(Infrastructure));
    }

    [Fact]
    public void Domain_KnowsNothingOfStorageOrHttp()
    {
        var leaks = Domain.GetTypes()
            .SelectMany(t => t.GetProperties().Select(p => p.PropertyType).Concat(t.GetFields().Select(f => f.FieldType)))
            .Where(type => type.Namespace is { } ns && (ns.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || ns.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(leaks);
    }

    [Fact]
    public void EveryAccountOwnedRow_IsFilteredByAccount()
    {
        using var context = new BudgetHub.Infrastructure.Persistence.BudgetHubDbContext(
            new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<BudgetHub.Infrastructure.Persistence.BudgetHubDbContext>()
                .UseSqlite("Data Source=:memory:").Options);

        var unfiltered = context.Model.GetEntityTypes()
            .Where(e => typeof(BudgetHub.Infrastructure.Persistence.IAccountOwned).IsAssignableFrom(e.ClrType))
            .Where(e => e.GetDeclaredQueryFilters().Count == 0)
            .Select(e => e.ClrType.Name)
            .ToList();

        Assert.Empty(unfiltered);
    }

    /// <summary>True when the method's IL calls DateTime.Now/UtcNow or DateTimeOffset.Now/UtcNow.</summary>
    private static bool UsesNow(MethodBase method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray() ?? [];
        var getters = new[]
        {
            typeof(DateTime).GetProperty(nameof(DateTime.Now))!.GetMethod!, typeof(DateTime).GetProperty(nameof(DateTime.UtcNow))!.GetMethod!,
            typeof(DateTimeOffset).GetProperty(nameof(DateTimeOffset.Now))!.GetMethod!, typeof(DateTimeOffset).GetProperty(nameof(DateTimeOffset.UtcNow))!.GetMethod!,
        };
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != 0x28) // call
            {
                continue;
            }

            try
            {
                var target = method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1));
                if (getters.Contains(target))
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                // Not a method token at this offset.
            }
        }

        return false;
    }
}
