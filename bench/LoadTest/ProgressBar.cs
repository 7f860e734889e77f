namespace HybridInference.LoadTest;

/// <summary>A one-line live progress bar on stderr (the tables go to stdout), redrawn in place a few times a second.</summary>
internal sealed class ProgressBar : IAsyncDisposable
{
    private const int Width = 30;
    private readonly string _label;
    private readonly int _total;
    private readonly Func<(int Done, int Errors)> _read;
    private readonly PeriodicTimer _timer = new(TimeSpan.FromMilliseconds(200));
    private readonly Task _drawing;

    public ProgressBar(string label, int total, Func<(int Done, int Errors)> read)
    {
        (_label, _total, _read) = (label, total, read);
        _drawing = DrawAsync();
    }

    private async Task DrawAsync()
    {
        while (await _timer.WaitForNextTickAsync())
        {
            Draw();
        }
    }

    private void Draw()
    {
        var (done, errors) = _read();
        var filled = _total == 0 ? Width : done * Width / _total;
        Console.Error.Write($"\r{_label,-24} [{new string('#', filled)}{new string('.', Width - filled)}] {done,5}/{_total} errors {errors}");
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _drawing;
        Draw();
        Console.Error.WriteLine();
    }
}
