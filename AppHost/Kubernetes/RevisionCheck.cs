using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// Engines load offline from a cache filled with one revision, so a branch name (<c>main</c>) would make the
/// download and the engine disagree as soon as the branch moves: publishing wants commits.
/// </summary>
public static partial class RevisionCheck
{
    /// <summary>True when <paramref name="revision"/> is a full 40-hex commit id.</summary>
    public static bool IsCommit(string revision) => Commit().IsMatch(revision);

    /// <summary>Throws naming every unpinned engine, unless the operator allowed them (then says so in the log).</summary>
    public static void EnsurePinned(PublishedFabric fabric, PublishOptions options, ILogger logger)
    {
        var unpinned = fabric.Engines.Where(e => !IsCommit(e.Model.Revision)).Select(e => $"{e.Name} ({e.Model.HuggingFaceId}@{e.Model.Revision})").ToList();
        if (unpinned.Count == 0)
        {
            return;
        }
        if (!options.AllowUnpinnedRevisions)
        {
            throw new InvalidOperationException(
                $"Engine revisions must be 40-hex commits, nothing was published: {string.Join(", ", unpinned)}. " +
                $"Pin them in models.yaml (or Fabric:Revisions:<model id>), or pass --{PublishOptions.AllowUnpinnedRevisionsKey.Replace(':', '_')} true " +
                $"(environment {PublishOptions.AllowUnpinnedRevisionsKey.Replace(":", "__")}=true) to publish them anyway.");
        }
        LogUnpinned(logger, string.Join(", ", unpinned));
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex Commit();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing unpinned engine revisions because the operator allowed it: {Engines}")]
    private static partial void LogUnpinned(ILogger logger, string engines);
}
