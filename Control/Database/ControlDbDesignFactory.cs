using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HybridInference.Control.Database;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class ControlDbDesignFactory : IDesignTimeDbContextFactory<ControlDb>
{
    public ControlDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ControlDb>().UseNpgsql("Host=localhost;Database=controldb").Options);
}
