using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Engine;

/// <summary>
/// The engine's running slots (vLLM's <c>max_num_seqs</c>): up to <see cref="Capacity"/> requests run at once,
/// the rest wait in arrival order. Counts are kept per model for the metrics.
/// </summary>
internal sealed class RequestScheduler
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly int[] _running;
    private readonly int[] _waiting;
    private int _runningTotal;

    public RequestScheduler(ModelCatalog models, IOptions<SimulatorOptions> options)
    {
        _running = new int[models.Names.Count];
        _waiting = new int[models.Names.Count];
        Capacity = options.Value.MaxConcurrency;
    }

    /// <summary>How many requests may run at once.</summary>
    public int Capacity { get; private set; }

    /// <summary>Takes a running slot for a request to <paramref name="model"/>, queueing behind earlier requests when all are taken.</summary>
    public ValueTask<SlotLease> AcquireAsync(int model, CancellationToken cancellationToken)
    {
        LinkedListNode<Waiter> node;
        lock (_gate)
        {
            if (_queue.Count == 0 && _runningTotal < Capacity)
            {
                StartLocked(model);
                return ValueTask.FromResult(new SlotLease(this, model));
            }
            _waiting[model]++;
            node = _queue.AddLast(new Waiter(model));
        }
        return WaitAsync(node, cancellationToken);
    }

    /// <summary>Changes the number of slots at run time; a larger number starts waiting requests at once.</summary>
    public void SetCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        lock (_gate)
        {
            Capacity = capacity;
            StartWaitingLocked();
        }
    }

    /// <summary>Running and waiting requests for <paramref name="model"/>, and the engine-wide running count.</summary>
    public (int Running, int Waiting, int RunningTotal) Snapshot(int model)
    {
        lock (_gate)
        {
            return (_running[model], _waiting[model], _runningTotal);
        }
    }

    internal void Release(int model)
    {
        lock (_gate)
        {
            _running[model]--;
            _runningTotal--;
            StartWaitingLocked();
        }
    }

    private async ValueTask<SlotLease> WaitAsync(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        var waiter = node.Value;
        using (cancellationToken.Register(() => Abandon(node, cancellationToken)))
        {
            await waiter.Started.Task.ConfigureAwait(false);
        }
        return new SlotLease(this, waiter.Model);
    }

    // A client that leaves while queued gives up its place; one that was started already owns a slot and releases it.
    private void Abandon(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (node.List is null)
            {
                return;
            }
            _queue.Remove(node);
            _waiting[node.Value.Model]--;
        }
        node.Value.Started.TrySetCanceled(cancellationToken);
    }

    private void StartLocked(int model)
    {
        _running[model]++;
        _runningTotal++;
    }

    private void StartWaitingLocked()
    {
        while (_runningTotal < Capacity && _queue.First is { } first)
        {
            _queue.RemoveFirst();
            _waiting[first.Value.Model]--;
            StartLocked(first.Value.Model);
            first.Value.Started.TrySetResult();
        }
    }

    private sealed record Waiter(int Model)
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
