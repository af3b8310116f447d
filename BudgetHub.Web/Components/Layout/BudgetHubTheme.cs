using MudBlazor;

namespace BudgetHub.Web.Components.Layout;

/// <summary>One theme for the whole app: calm neutrals, one brand colour, status colours that mean money.</summary>
internal static class BudgetHubTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#5c6b7a",
            Tertiary = "#00897b",
            Success = "#2e7d32",
            Warning = "#ed6c02",
            Error = "#d32f2f",
            Info = "#0288d1",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2937",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
            DrawerText = "#374151",
            DrawerIcon = "#5c6b7a",
            TextPrimary = "#1f2937",
            TextSecondary = "#5c6b7a",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#9aa7b4",
            Tertiary = "#4db6ac",
            Background = "#14161c",
            Surface = "#1c1f27",
            AppbarBackground = "#1c1f27",
            DrawerBackground = "#1c1f27",
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "10px",
            DrawerWidthLeft = "240px",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
            H4 = new H4Typography { FontSize = "1.75rem", FontWeight = "600" },
            H6 = new H6Typography { FontWeight = "600" },
        },
    };
}
