using HybridInference.Contracts.Keys;

namespace HybridInference.Router.Requests;

/// <summary>A request whose key checked out: from here on it has an id and is metered, whether served or refused.</summary>
internal sealed record AdmittedRequest(string Id, long StartedAt, DateTimeOffset ReceivedAt, KeyPolicy Key, ApiKind Api);
