namespace HybridInference.Router.Routing;

/// <summary>What the guard made of a request it was asked to check.</summary>
internal enum GuardVerdict
{
    /// <summary>Checked, and nothing to act on.</summary>
    Passed,
    /// <summary>A jailbreak found; policy serves it marked.</summary>
    Flagged,
    /// <summary>A jailbreak found; policy refuses it.</summary>
    Blocked,
    /// <summary>The classifier could not answer; policy passed it marked, or refused it.</summary>
    Unchecked,
}

internal static class GuardVerdicts
{
    /// <summary>The verdict's name on the wire (decision feed, usage record, headers).</summary>
    public static string Name(this GuardVerdict verdict) => verdict switch
    {
        GuardVerdict.Passed => "passed",
        GuardVerdict.Flagged => "flagged",
        GuardVerdict.Blocked => "blocked",
        _ => "unchecked",
    };
}
