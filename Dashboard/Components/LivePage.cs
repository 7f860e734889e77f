using HybridInference.Dashboard.Fabric;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace HybridInference.Dashboard.Components;

/// <summary>A page that reads the fabric when it opens and again on a timer while it stays open.</summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private bool _loaded;
    private bool _announced;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>Cancelled when the page closes.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    /// <summary>How often the page reads again; null for pages that only read when asked.</summary>
    protected virtual TimeSpan? RefreshEvery => TimeSpan.FromSeconds(2);

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task RefreshAsync();

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _loaded = true;
        if (RefreshEvery is { } every)
        {
            _ = RefreshLiveAsync(every);
        }
    }

    /// <summary>What the last action or read said, shown at the top of the page.</summary>
    protected string? Message { get; private set; }

    /// <summary>Whether <see cref="Message"/> reports a failure.</summary>
    protected bool Failed { get; private set; }

    protected void Say(string text, bool isError)
    {
        Message = text;
        Failed = isError;
    }

    /// <summary>Runs an operator's action, says its outcome (or the fabric's refusal), then reads the page again.</summary>
    protected async Task ActAsync(Func<Task<string>> action)
    {
        try
        {
            Say(await action(), false);
        }
        catch (Exception ex) when (IsFabricFailure(ex))
        {
            Say(ex.Message, true);
        }
        await RefreshAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_loaded && !_announced && RendererInfo.IsInteractive)
        {
            _announced = true;
            await JS.InvokeVoidAsync("hybrid.ready");
        }
    }

    /// <summary>Whether an exception is a fabric service refusing or being unreachable (shown to the operator), not a bug.</summary>
    protected bool IsFabricFailure(Exception exception) => FabricCallException.IsFabricFailure(exception, Stopping);

    private async Task RefreshLiveAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(Stopping))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    /// <summary>Lets a page let go of what it subscribed to.</summary>
    protected virtual void OnDisposing()
    {
    }

    public void Dispose()
    {
        OnDisposing();
        _stopping.Cancel();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
