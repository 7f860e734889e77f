using System.Text.RegularExpressions;

namespace HybridInference.Dashboard.Tests.Infrastructure;

/// <summary>
/// Finds Fluent UI buttons by their text. They are web components whose button role lives in ElementInternals, which
/// Playwright's role selectors do not read.
/// </summary>
public static class FluentLocators
{
    public static ILocator FluentButton(this IPage page, string text) => page.Locator("fluent-button").Filter(Exactly(text));

    public static ILocator FluentButton(this ILocator scope, string text) => scope.Locator("fluent-button").Filter(Exactly(text));

    private static LocatorFilterOptions Exactly(string text) => new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(text)}\\s*$") };
}
