using HybridInference.Control.Customers;
using HybridInference.Control.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HybridInference.Control.Keys;

/// <summary>Ensures <see cref="ControlOptions.DevKey"/> works: customer <c>dev</c>, a key with exactly that secret, all models, no limits.</summary>
internal sealed class DevKeySeeder(ControlDb db, TimeProvider time, IOptions<ControlOptions> options)
{
    public const string CustomerId = "dev";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DevKey is not { Length: > 0 } secret)
        {
            return;
        }
        var now = time.GetUtcNow();
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == CustomerId, cancellationToken);
        if (customer is null)
        {
            db.Customers.Add(new Customer { Id = CustomerId, Name = "Development", CreatedAt = now, UpdatedAt = now });
        }
        else if (customer.DeletedAt is not null)
        {
            customer.DeletedAt = null;
        }
        var hash = VirtualKeySecret.Hash(secret);
        var key = await db.Keys.FirstOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        if (key is null)
        {
            db.Keys.Add(new VirtualKey
            {
                Id = "key_dev", CustomerId = CustomerId, Name = "Development key", Prefix = VirtualKeySecret.Prefix(secret), Hash = hash,
                CreatedAt = now, UpdatedAt = now,
            });
            // A changed DevKey replaces the old development key rather than adding a second row with the same id.
            await db.Keys.Where(k => k.Id == "key_dev").ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            (key.RevokedAt, key.ExpiresAt, key.AllowedModels, key.RequestsPerMinute, key.TokensPerMinute, key.MonthlyBudget) = (null, null, [], null, null, null);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
