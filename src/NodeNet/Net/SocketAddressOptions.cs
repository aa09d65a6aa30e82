using System.Net;

namespace NodeNet;

public static partial class Net
{
    /// <summary>The options of <see cref="Net.SocketAddress"/>.</summary>
    public sealed record SocketAddressOptions
    {
        /// <summary>An IP literal of <see cref="Family"/>; default 127.0.0.1 or ::.</summary>
        public string? Address { get; init; }
        /// <summary>"ipv4" (the default) or "ipv6", in any case.</summary>
        public string Family { get; init; } = "ipv4";
        /// <summary>0 to 65535.</summary>
        public int Port { get; init; }
        /// <summary>IPv6 flow label, 0 to 4294967295.</summary>
        public long Flowlabel { get; init; }
    }
}
