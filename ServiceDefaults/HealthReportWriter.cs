using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Writes a health report as JSON with each check's status, description and data, so operators see why.
/// The report is built in memory and written once, asynchronously: Kestrel refuses synchronous writes.
/// </summary>
internal static class HealthReportWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, report);
        }
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static void Write(Utf8JsonWriter writer, HealthReport report)
    {
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        writer.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteStartObject(name);
            writer.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
            {
                writer.WriteString("description", description);
            }
            if (entry.Data.Count > 0)
            {
                writer.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    WriteValue(writer, key, value);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // Checks report numbers, flags and text; anything else is written as its text (no reflection: the Router can be
    // compiled ahead of time).
    private static void WriteValue(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(key); break;
            case bool flag: writer.WriteBoolean(key, flag); break;
            case int number: writer.WriteNumber(key, number); break;
            case long number: writer.WriteNumber(key, number); break;
            case double number: writer.WriteNumber(key, number); break;
            case decimal number: writer.WriteNumber(key, number); break;
            default: writer.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
