using System.Net;

namespace NodeNet;

public static partial class Net
{
    /// <summary>
    /// net.BlockList: rules that block addresses, ranges and subnets, checked with <see cref="Check(string, string)"/>. As in
    /// Node an IPv4 address and its IPv4-mapped IPv6 form (::ffff:a.b.c.d) are the same address for every rule; rules are
    /// listed addresses first, then subnets, then ranges, the newest first within each (Node 24 and later). Thread-safe: a server on several loops checks it from each of them.
    /// Give it to <see cref="ServerOptions.BlockList"/> or <see cref="SocketOptions.BlockList"/> to filter connections.
    /// </summary>
    public sealed partial class BlockList
    {
        private readonly object _gate = new();
        private Rule[] _rules = []; // newest first; replaced, never changed, so Check reads it without the lock

        // The order Node 24 and later list rules in: addresses, subnets, ranges (Node 22 and earlier: newest first, mixed).
        private enum RuleKind { Address, Subnet, Range }

        // Given: the address the rule was made with (a subnet's may have host bits); Prefix: a subnet's, else -1. A rule is
        // removed only by one made the same way, as in Node.
        private readonly record struct Rule(UInt128 Low, UInt128 High, RuleKind Kind, string Family, UInt128 Given, int Prefix, string Text);

        /// <summary>blockList.addAddress(address[, family]).</summary>
        /// <exception cref="NodeNetArgumentException">ERR_INVALID_ADDRESS, ERR_INVALID_ARG_VALUE (family), ERR_INVALID_ARG_TYPE.</exception>
        public void AddAddress(string address, string family = "ipv4") => AddAddress(Parse(address, family, "address"));

        /// <inheritdoc cref="AddAddress(string, string)"/>
        public void AddAddress(SocketAddress address)
        {
            NodeErrors.ThrowIfNull(address);
            var key = Key(address.Ip);
            // One rule per address: an IPv4 address and its v4-mapped form are the same, and the newer one stays.
            var rule = new Rule(key, key, RuleKind.Address, address.Family, key, -1, $"Address: {Label(address)} {address.Address}");
            lock (_gate) Volatile.Write(ref _rules, [rule, .. _rules.Where(r => !(r.Kind == RuleKind.Address && r.Low == key))]);
        }

        /// <summary>blockList.addRange(start, end[, family]): every address from start to end, both included.</summary>
        /// <exception cref="NodeNetArgumentException">ERR_INVALID_ARG_VALUE when start comes after end.</exception>
        public void AddRange(string start, string end, string family = "ipv4") =>
            AddRange(Parse(start, family, "start"), Parse(end, family, "end"));

        /// <inheritdoc cref="AddRange(string, string, string)"/>
        public void AddRange(SocketAddress start, SocketAddress end)
        {
            NodeErrors.ThrowIfNull(start);
            NodeErrors.ThrowIfNull(end);
            if (start.Family != end.Family) throw SocketAddress.InvalidAddress();
            UInt128 low = Key(start.Ip), high = Key(end.Ip);
            if (low > high) throw NodeErrors.InvalidArgValue("start", start, "must come before end");
            Add(new Rule(low, high, RuleKind.Range, start.Family, low, -1, $"Range: {Label(start)} {start.Address}-{end.Address}"));
        }

        /// <summary>blockList.addSubnet(net, prefix[, family]): the prefix is 0–32 for IPv4, 0–128 for IPv6.</summary>
        /// <exception cref="NodeNetArgumentOutOfRangeException">ERR_OUT_OF_RANGE for the prefix.</exception>
        public void AddSubnet(string network, int prefix, string family = "ipv4") => AddSubnet(ParseSubnet(network, prefix, family), prefix);

        /// <inheritdoc cref="AddSubnet(string, int, string)"/>
        public void AddSubnet(SocketAddress network, int prefix)
        {
            NodeErrors.ThrowIfNull(network);
            CheckPrefix(prefix, network.Family);
            int bits = network.Family == "ipv4" ? 96 + prefix : prefix; // an IPv4 subnet within the v4-mapped space
            UInt128 mask = bits == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - bits);
            UInt128 low = Key(network.Ip) & mask;
            Add(new Rule(low, low | ~mask, RuleKind.Subnet, network.Family, Key(network.Ip), prefix, $"Subnet: {Label(network)} {network.Address}/{prefix}"));
        }

        /// <summary>blockList.check(address[, family]): true if a rule blocks it. An address that is not one of
        /// <paramref name="family"/> (or not an address at all) is not blocked, as in Node.</summary>
        public bool Check(string address, string family = "ipv4")
        {
            if (address is null) throw NodeErrors.InvalidArgType("address", "of type string", null);
            string fam = family?.ToLowerInvariant() ?? "";
            if (fam is not ("ipv4" or "ipv6")) return false;
            return SocketAddress.ParseAddress(address, fam) is { } ip && Check(ip);
        }

        /// <inheritdoc cref="Check(string, string)"/>
        public bool Check(SocketAddress address)
        {
            NodeErrors.ThrowIfNull(address);
            return Check(address.Ip);
        }

        /// <summary>Whether a rule blocks <paramref name="address"/> (.NET's type).</summary>
        public bool Check(IPAddress address)
        {
            NodeErrors.ThrowIfNull(address);
            var key = Key(address);
            foreach (var rule in Volatile.Read(ref _rules))
                if (key >= rule.Low && key <= rule.High) return true;
            return false;
        }

        /// <summary>BlockList.isBlockList(value) (Node 22.13+).</summary>
        public static bool IsBlockList(object? value) => value is BlockList;

        /// <summary>blockList.rules: each rule as Node describes it ("Address: IPv4 1.2.3.4", "Range: …", "Subnet: …"),
        /// addresses, then subnets, then ranges, the newest first within each.</summary>
        public IReadOnlyList<string> Rules => Volatile.Read(ref _rules).OrderBy(r => r.Kind).Select(r => r.Text).ToArray();

        /// <summary>blockList.size (Node 24 and later): how many rules there are.</summary>
        public int Size => Volatile.Read(ref _rules).Length;

        /// <summary>blockList.clear() (Node 24 and later): removes every rule.</summary>
        public void Clear()
        {
            lock (_gate) Volatile.Write(ref _rules, []);
        }

        private void Add(Rule rule)
        {
            lock (_gate) Volatile.Write(ref _rules, [rule, .. _rules]);
        }

        private static SocketAddress Parse(string address, string family, string name)
        {
            if (address is null) throw NodeErrors.InvalidArgType(name, "of type string", null);
            return new SocketAddress(new SocketAddressOptions { Address = address, Family = family });
        }

        /// <summary>A subnet's network from strings: the family first, then the prefix against it, then the address, as Node checks them.</summary>
        private static SocketAddress ParseSubnet(string network, int prefix, string family)
        {
            string fam = SocketAddress.ParseFamily(family, "options.family");
            CheckPrefix(prefix, fam);
            return Parse(network, fam, "network");
        }

        private static void CheckPrefix(long prefix, string family)
        {
            int max = family == "ipv4" ? 32 : 128;
            if (prefix < 0 || prefix > max) throw NodeErrors.OutOfRange("prefix", $">= 0 && <= {max}", (double)prefix);
        }

        private static string Label(SocketAddress a) => a.Family == "ipv4" ? "IPv4" : "IPv6";

        /// <summary>The address as a 128-bit number, IPv4 as its v4-mapped IPv6 form.</summary>
        private static UInt128 Key(IPAddress address)
        {
            Span<byte> bytes = stackalloc byte[16];
            if (!address.MapToIPv6().TryWriteBytes(bytes, out _)) throw SocketAddress.InvalidAddress();
            return new UInt128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        }
    }
}
