using System.Globalization;

namespace HybridInference.Control.Usage;

/// <summary>
/// A half-open UTC interval from query dates: a date-only start means its midnight; a date-only end includes that
/// whole day; a date-time end is exclusive.
/// </summary>
internal readonly record struct UsagePeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Whole UTC days at both ends, so the daily roll-up answers exactly.</summary>
    public bool WholeDays => Start.TimeOfDay == TimeSpan.Zero && End.TimeOfDay == TimeSpan.Zero;

    public static bool TryParse(string? start, string? end, out UsagePeriod period, out FieldErrors errors)
    {
        errors = new FieldErrors();
        period = default;
        var from = Parse(start, endOfDay: false);
        var to = Parse(end, endOfDay: true);
        if (from is null)
        {
            errors.Add("start_date", "an ISO 8601 date or date-time is required");
        }
        if (to is null)
        {
            errors.Add("end_date", "an ISO 8601 date or date-time is required");
        }
        if (from is { } f && to is { } t)
        {
            if (t <= f)
            {
                errors.Add("end_date", "must be after start_date");
            }
            period = new UsagePeriod(f, t);
        }
        return !errors.Any;
    }

    private static DateTimeOffset? Parse(string? value, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? midnight.AddDays(1) : midnight;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var instant)
            && value.Contains('T')
            ? instant.ToUniversalTime()
            : null;
    }
}
