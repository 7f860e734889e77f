using HybridInference.AppHost.GpuPlanning;

namespace HybridInference.Deploy.Tests.GpuPlanning;

public sealed class VramPlannerTests
{
    // Llama-3.1-8B's config.json: 32 layers, 8 KV heads, head size 128; 8,030,261,248 parameters.
    private static ServedModel Llama(string kvCacheDtype = "auto", double utilization = 0.5) => new()
    {
        Id = "llama-3.1-8b-instruct",
        Parameters = 8_030_261_248,
        Dtype = "bfloat16",
        Layers = 32,
        KvHeads = 8,
        HeadDim = 128,
        MaxModelLen = 8192,
        MaxNumSeqs = 4,
        KvCacheDtype = kvCacheDtype,
        GpuMemoryUtilization = utilization,
    };

    private static readonly GpuSpec Gpu80 = new() { Name = "80 GiB", MemoryMib = 81920, OverheadMib = 1024, MaxUtilization = 0.85 };

    [Fact]
    public void Llama_3_1_8B_in_BF16_takes_128_KiB_of_KV_cache_per_token()
    {
        // 2 (K and V) × 32 layers × 8 heads × 128 × 2 bytes = 131,072 bytes.
        Assert.Equal(128 * 1024, VramPlanner.KvBytesPerToken(Llama()));
    }

    [Fact]
    public void An_fp8_KV_cache_halves_it()
    {
        Assert.Equal(64 * 1024, VramPlanner.KvBytesPerToken(Llama("fp8")));
    }

    [Fact]
    public void Qwen2_5_Coder_7B_takes_56_KiB_per_token()
    {
        // 28 layers, 4 KV heads, head size 128, BF16: 2 × 28 × 4 × 128 × 2 = 57,344 bytes.
        var qwen = new ServedModel { Layers = 28, KvHeads = 4, HeadDim = 128, Dtype = "bfloat16" };
        Assert.Equal(56 * 1024, VramPlanner.KvBytesPerToken(qwen));
    }

    [Fact]
    public void The_need_is_weights_plus_KV_cache_for_every_sequence_plus_overhead()
    {
        var need = VramPlanner.Need("vllm-general", Llama(), Gpu80);
        Assert.Equal(16_060_522_496L, need.WeightBytes); // 8,030,261,248 × 2 bytes
        Assert.Equal(4L * 1024 * 1024 * 1024, need.KvCacheBytes); // 128 KiB × 8192 tokens × 4 sequences = 4 GiB
        Assert.Equal(1024L * 1024 * 1024, need.OverheadBytes);
        // (16,060,522,496 + 4 GiB + 1 GiB) / 80 GiB = 0.2495…, rounded up to the hundredth: 0.25.
        Assert.Equal(0.25, need.RequiredUtilization);
    }

    [Fact]
    public void A_plan_fits_when_every_engine_asks_enough_and_the_sum_stays_under_the_limit()
    {
        var plan = VramPlanner.Plan(Gpu80, [("a", Llama(utilization: 0.40)), ("b", Llama(utilization: 0.40))]);
        Assert.Empty(plan.Problems());
        Assert.Equal(0.80, plan.DeclaredUtilization);
    }

    [Fact]
    public void A_plan_past_the_limit_names_the_sum_and_an_engine_asking_too_little_names_itself()
    {
        var plan = VramPlanner.Plan(Gpu80, [("a", Llama(utilization: 0.90)), ("b", Llama(utilization: 0.20))]);
        var problems = plan.Problems();
        Assert.Contains(problems, p => p.Contains("b asks for --gpu-memory-utilization 0.20 but needs 0.25", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("1.10", StringComparison.Ordinal) && p.Contains("0.85", StringComparison.Ordinal));
        Assert.Contains("a ", plan.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_fabrics_default_engines_fit_the_appliance_GPU()
    {
        var catalog = ModelCatalog.Parse(File.ReadAllText(Path.Combine(Publishing.AppHostProcess.RepositoryRoot, "AppHost", ModelCatalog.RelativePath)));
        var plan = VramPlanner.Plan(catalog.Gpu, catalog.Models.Select(m => (m.Id, m)));
        Assert.Empty(plan.Problems());
        Assert.True(plan.DeclaredUtilization <= 0.85);
        Assert.All(catalog.Models, m => Assert.Matches("^[0-9a-f]{40}$", m.Revision));
    }

    [Fact]
    public void An_unknown_dtype_is_refused()
    {
        Assert.Throws<ArgumentException>(() => VramPlanner.BytesPerElement("int3"));
    }
}
