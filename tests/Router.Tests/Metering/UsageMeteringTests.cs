using System.Net;
using HybridInference.Contracts.Keys;
using HybridInference.Router.Metering;
using HybridInference.Router.Tests.OpenAi;
using HybridInference.Router.Tests.Infrastructure;
using OpenAI.Chat;

namespace HybridInference.Router.Tests.Metering;

public sealed class UsageMeteringTests
{
    [Fact]
    public async Task Every_request_yields_one_usage_record_with_tokens_from_the_backend()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        var router = fabric.StartRouter();
        var chat = router.OpenAi(TestFabric.DevKey).GetChatClient("chat-fast");
        var json = await chat.CompleteChatAsync([new UserChatMessage("hi")]);
        await foreach (var _ in chat.CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
        }

        await Eventually.TrueAsync(() => fabric.Control!.Usage.Count == 2, "two usage records");
        var records = fabric.Control!.Usage.Values.Select(v => v.Record).OrderBy(r => r.Stream).ToList();
        Assert.All(records, r =>
        {
            Assert.Equal(FakeBackend.PromptTokens, r.PromptTokens);
            Assert.Equal(10, r.CompletionTokens);
            Assert.Equal("chat-fast", r.RequestedModel);
            Assert.Equal("general-model", r.ServedModel);
            Assert.Equal("alpha", r.Backend);
            Assert.Equal("dev", r.CustomerId);
            Assert.Equal(200, r.Status);
            Assert.Equal(0, r.FallbackCount);
        });
        Assert.Null(records[0].TimeToFirstTokenMs);
        Assert.NotNull(records[1].TimeToFirstTokenMs);
        Assert.All(fabric.Control.Usage.Values, v => Assert.Equal(1, v.Times));
    }

    [Fact]
    public async Task Refused_requests_are_metered_with_their_status_and_nothing_to_pay()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        var router = fabric.StartRouter();
        var key = fabric.AddKey(new KeyPolicy { KeyId = "narrow", CustomerId = "c", AllowedModels = ["general-model"], RequestsPerMinute = 2 });
        using var http = TestFabric.Raw(router, key);

        var answers = new List<HttpResponseMessage>
        {
            await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json("""{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}""")),
            await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json("""{"model":"chat-fast","messages":[{"role":"user","content":"hi"}]}""")),
            await http.PostAsync("/v1/chat/completions", OpenAiApiTests.Json("""{"messages": [""")),
        };
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest], answers.Select(a => a.StatusCode));

        await Eventually.TrueAsync(() => fabric.Control!.Usage.Count == 3, "three usage records");
        var records = answers.Select(a => fabric.Control!.Usage[a.Headers.GetValues("x-request-id").Single()].Record).ToList();
        Assert.Equal([404, 403, 400], records.Select(r => r.Status));
        Assert.Equal(["no-such-model", "chat-fast", UsageMeter.NoModel], records.Select(r => r.RequestedModel));
        Assert.All(records, r =>
        {
            Assert.Equal("narrow", r.KeyId);
            Assert.Equal(0, r.PromptTokens + r.CompletionTokens);
            Assert.Null(r.Backend);
        });
        Assert.Empty(fabric.Alpha.Requests);
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Stream_without_usage_is_counted_with_the_tokenizer()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        fabric.Alpha.SendUsage = false;
        var router = fabric.StartRouter();
        await foreach (var _ in router.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatStreamingAsync([new UserChatMessage("hello there")]))
        {
        }

        await Eventually.TrueAsync(() => fabric.Control!.Usage.Count == 1, "the usage record");
        var record = fabric.Control!.Usage.Values.Single().Record;
        var tokens = router.Service<TokenCounter>();
        Assert.Equal(await tokens.CountAsync(FakeBackend.Reply), record.CompletionTokens);
        Assert.Equal(await tokens.CountAsync("hello there"), record.PromptTokens);
    }

    [Fact]
    public async Task A_batch_control_refuses_is_set_aside_and_later_records_still_arrive()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        fabric.Control!.RefusesModel = "chat-fast";
        var router = fabric.StartRouter();
        await router.OpenAi(TestFabric.DevKey).GetChatClient("chat-fast").CompleteChatAsync([new UserChatMessage("refused")]);
        await Eventually.TrueAsync(() => Directory.GetFiles(fabric.SpoolDirectory, "rejected-*.jsonl").Length == 1, "the refused batch set aside");

        await router.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("accepted")]);
        await Eventually.TrueAsync(() => fabric.Control.Usage.Count == 1, "the next record at Control");
        Assert.Equal("general-model", fabric.Control.Usage.Values.Single().Record.RequestedModel);
        Assert.Contains("\"chat-fast\"", File.ReadAllText(Directory.GetFiles(fabric.SpoolDirectory, "rejected-*.jsonl").Single()));
        Assert.Equal(0, router.Service<UsageSpool>().Bytes);
    }

    [Fact]
    public async Task Spooled_records_reach_control_when_it_is_back_even_without_new_traffic()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        fabric.Control!.AcceptsUsage = false;
        var router = fabric.StartRouter(extra: new Dictionary<string, string?> { ["Router:UsageSpoolRetrySeconds"] = "0.2" });
        await router.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage("while away")]);
        var spool = router.Service<UsageSpool>();
        await Eventually.TrueAsync(() => spool.Bytes > 0, "the record spooled");

        fabric.Control.AcceptsUsage = true;
        await Eventually.TrueAsync(() => fabric.Control.Usage.Count == 1 && spool.Bytes == 0, "the record at Control");
    }

    [Fact]
    public async Task Records_made_while_control_is_unreachable_all_arrive_later_none_twice()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        var router = fabric.StartRouter();
        var chat = router.OpenAi(TestFabric.DevKey).GetChatClient("general-model");
        await chat.CompleteChatAsync([new UserChatMessage("before")]);
        await Eventually.TrueAsync(() => fabric.Control!.Usage.Count == 1, "the first record");

        fabric.Control!.AcceptsUsage = false;
        for (var i = 0; i < 20; i++)
        {
            await chat.CompleteChatAsync([new UserChatMessage($"during {i}")]);
        }
        var spool = router.Service<UsageSpool>();
        await Eventually.TrueAsync(() => spool.Bytes > 0, "records spooled to disk");

        fabric.Control.AcceptsUsage = true;
        await chat.CompleteChatAsync([new UserChatMessage("after")]);
        await Eventually.TrueAsync(() => fabric.Control.Usage.Count == 22 && spool.Bytes == 0, "every record at Control");
        Assert.All(fabric.Control.Usage.Values, v => Assert.Equal(1, v.Times));
    }

    [Fact]
    public async Task Spooled_records_survive_a_restart_and_are_replayed()
    {
        await using var fabric = await TestFabric.StartAsync(new FabricOptions { WithControl = true });
        fabric.Control!.AcceptsUsage = false;
        var first = fabric.StartRouter();
        for (var i = 0; i < 5; i++)
        {
            await first.OpenAi(TestFabric.DevKey).GetChatClient("general-model").CompleteChatAsync([new UserChatMessage($"r{i}")]);
        }
        await first.DisposeAsync();
        Assert.NotEmpty(Directory.GetFiles(fabric.SpoolDirectory));
        Assert.Empty(fabric.Control.Usage);

        fabric.Control.AcceptsUsage = true;
        var second = fabric.StartRouter();
        await Eventually.TrueAsync(() => fabric.Control.Usage.Count == 5, "the spooled records replayed by the new replica");
        Assert.All(fabric.Control.Usage.Values, v => Assert.Equal(1, v.Times));
        await Eventually.TrueAsync(() => second.Service<UsageSpool>().Bytes == 0, "the spool emptied");
    }
}
