using System.Net;

namespace NodeNet;

public static partial class Net
{
    /// <summary>net.SocketAddress: an IP address, family, port and IPv6 flow label, validated as Node validates them.
    /// Immutable and thread-safe.</summary>
    public sealed class SocketAddress
    {
        /// <summary>new net.SocketAddress([options]): the address defaults to 127.0.0.1 (ipv4) or :: (ipv6).</summary>
        /// <exception cref="NodeNetArgumentException">ERR_INVALID_ARG_VALUE for a family other than ipv4/ipv6;
        /// ERR_INVALID_ADDRESS when the address is not one of its family.</exception>
        /// <exception cref="NodeNetArgumentOutOfRangeException">ERR_SOCKET_BAD_PORT, or ERR_OUT_OF_RANGE for the flow label.</exception>
        public SocketAddress(SocketAddressOptions? options = null)
        {
            options ??= new SocketAddressOptions();
            Family = ParseFamily(options.Family, "options.family");
            if (options.Port is < 0 or > 65535) throw NodeErrors.SocketBadPort("options.port", options.Port);
            if (options.Flowlabel is < 0 or > uint.MaxValue)
                throw NodeErrors.OutOfRange("options.flowlabel", ">= 0 && <= 4294967295", (double)options.Flowlabel);
            string address = options.Address ?? (Family == "ipv4" ? "127.0.0.1" : "::");
            Ip = ParseAddress(address, Family) ?? throw InvalidAddress();
            Address = Ip.ToString();
            Port = options.Port;
            Flowlabel = options.Flowlabel;
        }

        /// <summary>The address, as inet_ntop writes it.</summary>
        public string Address { get; }

        /// <summary>"ipv4" or "ipv6".</summary>
        public string Family { get; }

        /// <summary>The port (0 when none was given).</summary>
        public int Port { get; }

        /// <summary>The IPv6 flow label (0 when none was given).</summary>
        public long Flowlabel { get; }

        /// <summary>SocketAddress.parse(input) (Node 23.4): what the WHATWG URL parser finds as host and port in
        /// <c>http://input</c>, as Node reads it: "1.2.3.4:80", "[::1]:80", "1.2.3.4:" (port 0), IPv4 in the URL's forms
        /// ("0x7f.1" is 127.0.0.1); null for "::1" without brackets, names, and ports above 65535.</summary>
        public static SocketAddress? Parse(string input)
        {
            NodeErrors.ThrowIfNull(input);
            if (UrlHostPort.Parse(input) is not var (host, port)) return null;
            try
            {
                return host.StartsWith('[')
                    ? new SocketAddress(new SocketAddressOptions { Address = host[1..^1], Family = "ipv6", Port = port })
                    : new SocketAddress(new SocketAddressOptions { Address = host, Port = port });
            }
            catch (ArgumentException) { return null; }
        }

        /// <summary>socketAddress.toJSON() (Node 23.4): the four properties, as options a new SocketAddress takes back.</summary>
        public SocketAddressOptions ToJSON() => new() { Address = Address, Port = Port, Family = Family, Flowlabel = Flowlabel };

        /// <summary>SocketAddress.isSocketAddress(value) (Node 23.4).</summary>
        public static bool IsSocketAddress(object? value) => value is SocketAddress;

        /// <summary>The address as .NET's type.</summary>
        public IPAddress Ip { get; }

        /// <summary>The address as .NET's endpoint type.</summary>
        public IPEndPoint ToEndPoint() => new(Ip, Port);

        /// <summary>What util.inspect shows: <c>SocketAddress { address: '::1', port: 8, family: 'ipv6', flowlabel: 0 }</c>.</summary>
        public override string ToString() => $"SocketAddress {{ address: '{Address}', port: {Port}, family: '{Family}', flowlabel: {Flowlabel} }}";

        /// <summary>"ipv4"/"ipv6" in any case, as Node lowercases it; anything else is ERR_INVALID_ARG_VALUE.</summary>
        internal static string ParseFamily(string? family, string name)
        {
            if (family is null) throw NodeErrors.InvalidArgType(name, "of type string", null);
            string lower = family.ToLowerInvariant();
            return lower is "ipv4" or "ipv6" ? lower : throw NodeErrors.InvalidArgValue(name, family);
        }

        /// <summary>The address if it is a literal of <paramref name="family"/> (as inet_pton reads it), else null.</summary>
        internal static IPAddress? ParseAddress(string address, string family)
        {
            bool ok = family == "ipv4" ? Net.IsIPv4(address) : Net.IsIPv6(address) && !address.Contains('%');
            return ok && IPAddress.TryParse(address, out var ip) ? ip : null;
        }

        internal static NodeNetArgumentException InvalidAddress() => new("ERR_INVALID_ADDRESS", "Invalid socket address", "address", "Error");
    }
}
