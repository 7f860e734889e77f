using Microsoft.Extensions.Options;

namespace HybridInference.Router.Targets;

/// <summary>
/// Orders the places a request may go. Per candidate model, in the candidates' order: local targets with room
/// (least outstanding requests first, weights honoured), then remote targets (spill-over), then local targets that are
/// full; targets whose circuit is open or that an operator drained are left out. A local-only plan (personal data, a
/// local route) or a local model keeps the list local.
/// </summary>
internal sealed class TargetSelector(IOptions<TargetOptions> options)
{
    private readonly SpilloverThresholds _full = new(
        options.Value.SpilloverWaitingRequests, options.Value.SpilloverKvCacheUsage, options.Value.SpilloverTimeToFirstTokenSeconds);

    public List<Attempt> Plan(ModelEntry[] candidates, bool localOnly)
    {
        var attempts = new List<Attempt>(4);
        foreach (var model in candidates)
        {
            var free = attempts.Count;
            var targets = model.Targets;
            // Local targets with room, least loaded first (insertion sort: lists are tiny).
            foreach (var target in targets)
            {
                var backend = target.Backend;
                if (backend.IsLocal && !backend.Drained && backend.IsAvailable && !backend.IsSaturated(_full) && !Contains(attempts, target))
                {
                    Insert(attempts, free, new Attempt(model, target, false));
                }
            }
            var anyLocalFree = attempts.Count > free;
            if (!localOnly && !model.LocalOnly)
            {
                var remote = attempts.Count;
                foreach (var target in targets)
                {
                    var backend = target.Backend;
                    if (!backend.IsLocal && !backend.Drained && backend.IsAvailable && !Contains(attempts, target))
                    {
                        Insert(attempts, remote, new Attempt(model, target, !anyLocalFree && HasLocal(targets)));
                    }
                }
            }
            var full = attempts.Count;
            foreach (var target in targets)
            {
                var backend = target.Backend;
                if (backend.IsLocal && !backend.Drained && backend.IsAvailable && backend.IsSaturated(_full) && !Contains(attempts, target))
                {
                    Insert(attempts, full, new Attempt(model, target, false));
                }
            }
        }
        return attempts;
    }

    private static void Insert(List<Attempt> attempts, int groupStart, Attempt attempt)
    {
        var score = attempt.Backend.Score;
        var index = attempts.Count;
        while (index > groupStart && attempts[index - 1].Backend.Score > score)
        {
            index--;
        }
        attempts.Insert(index, attempt);
    }

    private static bool Contains(List<Attempt> attempts, ModelTargetEntry target)
    {
        foreach (var attempt in attempts)
        {
            if (ReferenceEquals(attempt.Target, target))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasLocal(ModelTargetEntry[] targets)
    {
        foreach (var target in targets)
        {
            if (target.Backend.IsLocal)
            {
                return true;
            }
        }
        return false;
    }
}
