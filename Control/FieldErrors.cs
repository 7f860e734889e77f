namespace HybridInference.Control;

/// <summary>Collects per-field problems of an admin request; empty when the request is valid.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    /// <summary>Adds every problem of <paramref name="other"/>, its field names prefixed (<c>records[3].</c>).</summary>
    public FieldErrors AddAll(string prefix, FieldErrors other)
    {
        foreach (var (field, messages) in other._errors)
        {
            messages.ForEach(message => Add(prefix + field, message));
        }
        return this;
    }

    public FieldErrors Required(string field, string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, "is required") : Length(field, value, maxLength);

    public FieldErrors Length(string field, string? value, int maxLength) =>
        value is not null && value.Length > maxLength ? Add(field, $"must be at most {maxLength} characters") : this;

    public FieldErrors Each(string field, IEnumerable<string>? values, int maxLength)
    {
        foreach (var value in values ?? [])
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
            {
                return Add(field, $"entries must be non-empty and at most {maxLength} characters");
            }
        }
        return this;
    }

    public FieldErrors AtLeast(string field, decimal? value, decimal minimum) =>
        value < minimum ? Add(field, $"must be at least {minimum}") : this;

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public static Dictionary<string, string[]> One(string field, string message) => new FieldErrors().Add(field, message).ToDictionary();
}
