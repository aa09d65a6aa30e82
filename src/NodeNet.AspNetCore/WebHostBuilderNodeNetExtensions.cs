using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using NodeNet.AspNetCore;

namespace Microsoft.AspNetCore.Hosting;

/// <summary><c>builder.WebHost.UseNodeNet()</c>: Kestrel over NodeNet.</summary>
public static class WebHostBuilderNodeNetExtensions
{
    /// <summary>Serves Kestrel's endpoints (TCP and Unix sockets) with NodeNet, on libuv event loops, instead of the
    /// Sockets transport.</summary>
    public static IWebHostBuilder UseNodeNet(this IWebHostBuilder builder, Action<NodeNetTransportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services =>
        {
            // Kestrel asks its transport factories newest first: this one, added after Kestrel's Sockets default, binds.
            services.AddSingleton<IConnectionListenerFactory, NodeNetTransportFactory>();
            if (configure != null) services.Configure(configure);
        });
    }
}
