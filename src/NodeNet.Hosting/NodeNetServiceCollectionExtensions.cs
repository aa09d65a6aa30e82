using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NodeNet.Hosting;

/// <summary>Adds NodeNet servers to a host: <c>builder.Services.AddNodeNetServer("echo", o => ...)</c>.</summary>
public static class NodeNetServiceCollectionExtensions
{
    /// <summary>A server named <paramref name="name"/> that calls <see cref="NodeNetServerOptions.OnConnection"/> for each
    /// connection (Node style), listening while the host runs.</summary>
    public static IServiceCollection AddNodeNetServer(this IServiceCollection services, string name, Action<NodeNetServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, configure);
    }

    /// <summary>A server named <paramref name="name"/> whose connections are each served by a
    /// <typeparamref name="THandler"/> resolved from a DI scope of their own (registered scoped if it is not registered).</summary>
    public static IServiceCollection AddNodeNetServer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services, string name, Action<NodeNetServerOptions> configure)
        where THandler : class, INodeNetConnectionHandler
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddScoped<THandler>();
        return Add(services, name, o =>
        {
            configure(o);
            o.HandlerFactory = static sp => sp.GetRequiredService<THandler>();
        });
    }

    private static IServiceCollection Add(IServiceCollection services, string name, Action<NodeNetServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(NodeNetHostedServer) && Equals(d.ServiceKey, name)))
            throw new InvalidOperationException($"A NodeNet server named '{name}' is already added.");
        services.AddOptions();
        services.Configure(name, configure);
        services.AddKeyedSingleton(name, static (sp, key) =>
            new NodeNetHostedServer((string)key!, sp.GetRequiredService<IOptionsMonitor<NodeNetServerOptions>>().Get((string)key!), sp));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<NodeNetHostedServer>(name));
        services.TryAddSingleton<MeterFactoryBinding>();
        services.AddHealthChecks().Add(new HealthCheckRegistration(NodeNetServerHealthCheck.NameFor(name),
            sp => new NodeNetServerHealthCheck(sp.GetRequiredKeyedService<NodeNetHostedServer>(name)), failureStatus: null, tags: ["nodenet"]));
        return services;
    }
}
