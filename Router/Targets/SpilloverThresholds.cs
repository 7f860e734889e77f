namespace HybridInference.Router.Targets;

/// <summary>The engine readings at which a local backend counts as full and traffic spills over to remote targets.</summary>
internal readonly record struct SpilloverThresholds(double WaitingRequests, double KvCacheUsage, double TimeToFirstTokenSeconds);
