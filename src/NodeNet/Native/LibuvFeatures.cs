using System.Runtime.InteropServices;

namespace NodeNet.Native;

/// <summary>
/// What the loaded libuv offers beyond the 1.44 floor. The package carries 1.52.1, but a system libuv (Debian 12: 1.44,
/// Ubuntu 24.04: 1.48) may be older; callers keep their 1.44 path where a feature is missing. Functions are found by
/// export, flags that old versions would ignore or refuse by version.
/// </summary>
internal static class LibuvFeatures
{
    private static readonly Lazy<uint> s_version = new(() => Uv.uv_version());
    private static readonly Lazy<bool> s_keepAliveEx = new(() => Exports("uv_tcp_keepalive_ex"));
    private static readonly Lazy<bool> s_metricsInfo = new(() => Exports("uv_metrics_info"));

    public static uint Version => s_version.Value;

    /// <summary>uv_tcp_keepalive_ex: TCP_KEEPINTVL and TCP_KEEPCNT as well as the idle time (1.52).</summary>
    public static bool TcpKeepAliveEx => s_keepAliveEx.Value;

    /// <summary>uv_metrics_info: loop iterations and events (1.45).</summary>
    public static bool MetricsInfo => s_metricsInfo.Value;

    /// <summary>UV_TCP_REUSEPORT in uv_tcp_bind (1.49); older versions refuse unknown flags with EINVAL.</summary>
    public static bool TcpReusePortFlag => Version >= AtLeast(1, 49);

    public static uint AtLeast(int major, int minor) => (uint)((major << 16) | (minor << 8));

    private static bool Exports(string name) => NativeLibrary.TryGetExport(LibuvLoader.EnsureLoaded(), name, out _);
}
