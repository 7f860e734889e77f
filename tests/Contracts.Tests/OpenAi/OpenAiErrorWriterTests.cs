using System.Text;
using System.Text.Json;
using HybridInference.Contracts.OpenAi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HybridInference.Contracts.Tests.OpenAi;

public sealed class OpenAiErrorWriterTests
{
    [Fact]
    public async Task Error_is_written_in_OpenAis_shape_with_its_status_and_length()
    {
        var context = NewContext();

        await OpenAiErrorWriter.WriteAsync(context.Response, 403, "This key may not use 'gpt-4o'.", OpenAiErrorTypes.Permission, "model_not_allowed", "model");

        Assert.Equal(403, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        var body = Body(context);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), context.Response.ContentLength);
        Assert.Equal("""{"error":{"message":"This key may not use 'gpt-4o'.","type":"permission_error","param":"model","code":"model_not_allowed"}}""", body);
    }

    [Fact]
    public async Task Missing_param_and_code_are_written_as_null()
    {
        var context = NewContext();

        await OpenAiErrorWriter.WriteAsync(context.Response, 500, "Boom.", OpenAiErrorTypes.Server);

        var error = JsonDocument.Parse(Body(context)).RootElement.GetProperty("error");
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task Quotes_and_backticks_in_messages_stay_readable()
    {
        var context = NewContext();

        await OpenAiErrorWriter.WriteAsync(context.Response, 404, "The model `a\"b` <x> does not exist.", OpenAiErrorTypes.InvalidRequest);

        Assert.Contains("""The model `a\"b` <x> does not exist.""", Body(context));
    }

    [Fact]
    public async Task A_short_error_after_a_long_one_carries_nothing_of_it()
    {
        var first = NewContext();
        await OpenAiErrorWriter.WriteAsync(first.Response, 400, new string('x', 5000), OpenAiErrorTypes.InvalidRequest);
        var second = NewContext();

        await OpenAiErrorWriter.WriteAsync(second.Response, 400, "short", OpenAiErrorTypes.InvalidRequest);

        Assert.Equal("""{"error":{"message":"short","type":"invalid_request_error","param":null,"code":null}}""", Body(second));
    }

    [Fact]
    public async Task Result_answers_like_the_writer_and_reads_back_as_the_contract()
    {
        var context = NewContext();
        var result = OpenAiErrorWriter.Result(429, "Slow down.", OpenAiErrorTypes.RateLimit, "rate_limit_exceeded");

        await result.ExecuteAsync(context);

        Assert.Equal(429, context.Response.StatusCode);
        var read = JsonSerializer.Deserialize<OpenAiErrorResponse>(Body(context), ContractJson.Options);
        Assert.Equal(new OpenAiError("Slow down.", OpenAiErrorTypes.RateLimit, null, "rate_limit_exceeded"), read!.Error);
    }

    [Fact]
    public void Stream_error_event_payload_is_the_same_object()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, OpenAiErrorWriter.WriterOptions))
        {
            OpenAiErrorWriter.Write(writer, "Cut.", OpenAiErrorTypes.Server, "upstream_failed_mid_stream");
        }

        Assert.Equal("""{"error":{"message":"Cut.","type":"server_error","param":null,"code":"upstream_failed_mid_stream"}}""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public async Task Writing_an_error_allocates_nothing_once_warm()
    {
        // A body feature over Stream.Null: only the writer's own allocations are counted, not a growing test stream.
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        const string message = "This API key is not allowed to use the model 'gpt-4o'.";
        for (var i = 0; i < 100; i++)
        {
            await OpenAiErrorWriter.WriteAsync(context.Response, 403, message, OpenAiErrorTypes.Permission, "model_not_allowed", "model");
        }

        // Over a null stream every write completes at once, so the loop stays on this thread and the count is exact.
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(OpenAiErrorWriter.WriteAsync(context.Response, 403, message, OpenAiErrorTypes.Permission, "model_not_allowed", "model").IsCompletedSuccessfully);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(400, OpenAiErrorTypes.InvalidRequest)]
    [InlineData(401, OpenAiErrorTypes.Authentication)]
    [InlineData(403, OpenAiErrorTypes.Permission)]
    [InlineData(404, OpenAiErrorTypes.InvalidRequest)]
    [InlineData(429, OpenAiErrorTypes.RateLimit)]
    [InlineData(500, OpenAiErrorTypes.Server)]
    [InlineData(503, OpenAiErrorTypes.Server)]
    public void Status_maps_to_OpenAis_error_type(int status, string type) =>
        Assert.Equal(type, OpenAiErrorWriter.TypeFor(status));

    private static DefaultHttpContext NewContext() => new() { Response = { Body = new MemoryStream() } };

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
