using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace NodeNet.Hosting;

/// <summary>One per host: while it lives, NodeNet's instruments come from the host's <see cref="IMeterFactory"/> (as
/// ASP.NET Core's and System.Net's do), so metrics collected through DI see them; disposed with the host, it gives the
/// process-wide meter back.</summary>
internal sealed class MeterFactoryBinding(IServiceProvider services) : IDisposable
{
    private readonly IDisposable? _binding = services.GetService<IMeterFactory>() is { } factory ? NodeNetMetrics.UseMeterFactory(factory) : null;

    public void Dispose() => _binding?.Dispose();
}
