using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Training;
using HybridInference.Contracts;
using HybridInference.Contracts.Classification;

namespace HybridInference.Classifier.Tests.Api;

public sealed class CascadeApiTests(ClassifierFactory factory) : IClassFixture<ClassifierFactory>
{
    /// <summary>
    /// Test-split prompts the committed cascade escalates and prompts it leaves to fastText, per task, chosen by running
    /// the fastText models here (so the test follows the committed models). The guard has no encoder head: all its
    /// answers are fastText's.
    /// </summary>
    private static string[] Prompts()
    {
        var texts = new List<string>();
        foreach (var (task, folder) in new[] { (ClassifierTasks.Domain, "routing"), (ClassifierTasks.Guard, "guard") })
        {
            var rows = LabelledText.ReadJsonLines(Path.Combine(TestData.DatasetsDirectory, folder, "test.jsonl")).Select(r => r.Text).ToArray();
            var escalates = Escalations(task, rows);
            texts.AddRange(rows.Where((_, i) => escalates[i]).Take(3));
            texts.AddRange(rows.Where((_, i) => !escalates[i]).Take(3));
        }
        return [.. texts];
    }

    private static bool[] Escalations(string task, string[] texts)
    {
        using var fastText = FastTextOnnxClassifier.Load(TestData.ModelsDirectory, task);
        var head = Head(task);
        var classes = fastText.Description.Labels.Count;
        var probabilities = new float[texts.Length * classes];
        fastText.Classify(texts, probabilities);
        return Enumerable.Range(0, texts.Length)
            .Select(i => head is not null && head.Cascade.Escalates(probabilities.AsSpan(i * classes, classes), fastText.Description.PositiveIndex)).ToArray();
    }

    private static EncoderHeadMetadata? Head(string task)
    {
        var path = EncoderHeadMetadata.PathFor(TestData.ModelsDirectory, task);
        return File.Exists(path) ? EncoderHeadMetadata.Load(path) : null;
    }

    [Fact]
    public async Task The_encoder_decides_exactly_the_texts_the_policy_escalates_and_every_answer_names_its_stage()
    {
        long escalations = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ClassifierMetrics.MeterName && instrument.Name == "classifier.escalations")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref escalations, value));
        listener.Start();

        var texts = Prompts();
        var response = await factory.CreateClient().PostAsync("/v1/classify",
            new StringContent(JsonSerializer.Serialize(new { input = texts, tasks = new[] { "domain", "guard" } }), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<ClassifyResponse>(ContractJson.Options))!;

        var expected = 0;
        foreach (var task in new[] { ClassifierTasks.Domain, ClassifierTasks.Guard })
        {
            var escalates = Escalations(task, texts);
            using var fastText = FastTextOnnxClassifier.Load(TestData.ModelsDirectory, task);
            var classes = fastText.Description.Labels.Count;
            var probabilities = new float[texts.Length * classes];
            fastText.Classify(texts, probabilities);
            for (var i = 0; i < texts.Length; i++)
            {
                var score = task == ClassifierTasks.Domain ? body.Results[i].Domain! : body.Results[i].Guard!;
                Assert.Equal(escalates[i] ? ClassifierStages.Encoder : ClassifierStages.FastText, score.Stage);
                expected += escalates[i] ? 1 : 0;
                if (!escalates[i])
                {
                    // fastText's own answer, unchanged.
                    Assert.Equal(probabilities[i * classes + fastText.Description.Labels.ToList().IndexOf(score.Label)], score.Score, tolerance: 1e-4);
                }
            }
            Assert.Equal(Head(task)?.Version, body.Models.GetValueOrDefault(task + ":encoder"));
        }
        Assert.Contains(body.Results, r => r.Domain!.Stage == ClassifierStages.Encoder);
        Assert.Contains(body.Results, r => r.Domain!.Stage == ClassifierStages.FastText);
        // Other tests' requests may count too: at least this request's escalations were counted.
        Assert.True(Interlocked.Read(ref escalations) >= expected, $"{escalations} escalations counted, {expected} expected");
    }

    [Fact]
    public async Task Models_list_the_cascade_of_each_task()
    {
        using var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/v1/models"));
        var models = json.RootElement.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("task").GetString()!);
        var cascade = models["domain"].GetProperty("cascade");
        Assert.Equal(Head("domain")!.Version, cascade.GetProperty("version").GetString());
        Assert.Equal("arcticxs", cascade.GetProperty("encoder").GetString());
        Assert.Equal("int8", cascade.GetProperty("precision").GetString());
        Assert.True(cascade.GetProperty("policy").GetProperty("min_confidence").GetDouble() is > 0 and <= 1);
        Assert.False(models["guard"].TryGetProperty("cascade", out _));
    }
}
