using System.Text.Json;

namespace HybridInference.Contracts.Classification;

/// <summary>Body of <c>POST /v1/classify</c>.</summary>
/// <param name="Input">A string or an array of strings.</param>
/// <param name="Tasks">Any of <see cref="ClassifierTasks"/>; all of them when absent.</param>
public sealed record ClassifyRequest(JsonElement Input, IReadOnlyList<string>? Tasks = null);

/// <summary>The tasks the Classifier performs.</summary>
public static class ClassifierTasks
{
    /// <summary>Routing domain: <c>coding</c>, <c>math</c> or <c>general</c>.</summary>
    public const string Domain = "domain";
    /// <summary>Jailbreak guard: <c>jailbreak</c> or <c>benign</c>.</summary>
    public const string Guard = "guard";
    /// <summary>Personal data and secrets, as character spans.</summary>
    public const string Pii = "pii";

    /// <summary>Every task, the default when a request names none.</summary>
    public static IReadOnlyList<string> All { get; } = [Domain, Guard, Pii];
}
