using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace HybridInference.Dashboard.Tests.Infrastructure;

/// <summary>One browser tab on the Dashboard, remembering every console error and uncaught exception it saw.</summary>
public sealed class DashboardPage(DashboardFabric fabric, IBrowserContext context, IPage page) : IAsyncDisposable
{
    private readonly List<string> _errors = Watch(page);

    public IPage Page => page;

    /// <summary>Console errors, uncaught exceptions and requests that left the Dashboard's own origin.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Signs in with the token on the sign-in page <paramref name="path"/> sends to; returns once the server has answered.</summary>
    public async Task SignInAsync(string? token = null, string path = "/")
    {
        await page.GotoAsync(path);
        await page.GetByLabel("Admin token").FillAsync(token ?? fabric.AdminToken);
        // Waiting for the form's answer (which sets the session cookie) keeps a next navigation from cutting it off.
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
            response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/signin");
    }

    /// <summary>Opens a page and waits until it is live: connected, and showing what it read (not its server-rendered preview).</summary>
    public async Task GotoAsync(string path)
    {
        await page.GotoAsync(path);
        try
        {
            // Generous: the fabric shares two cores with other work.
            await page.WaitForFunctionAsync("() => document.body.dataset.livePage === location.pathname", null, new() { Timeout = 60_000 });
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{path} did not go live (the tab is at {page.Url}); the page saw: {string.Join(" | ", Errors)}", timeout);
        }
    }

    /// <summary>Saves a full-page screenshot under the test project's git-ignored <c>screenshots/</c> folder.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>axe-core's serious and critical findings on the page as it is now.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityProblemsAsync()
    {
        var result = await page.RunAxe();
        return [.. result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")];
    }

    public static string ScreenshotFolder
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.Tests.csproj")))
            {
                directory = directory.Parent;
            }
            return Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "screenshots");
        }
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();

    private static List<string> Watch(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add("console: " + message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add("page error: " + error);
            }
        };
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && url.Host is not ("localhost" or "127.0.0.1"))
            {
                lock (errors)
                {
                    errors.Add("left the Dashboard: " + request.Url);
                }
            }
        };
        return errors;
    }
}
