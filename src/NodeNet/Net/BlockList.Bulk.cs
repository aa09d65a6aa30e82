namespace NodeNet;

public static partial class Net
{
    // Many rules at once, and CIDR notation (Node 24 and later).
    public sealed partial class BlockList
    {
        /// <summary>BlockList.PRIVATE_RANGES: the private, loopback, link-local and unique-local networks, in CIDR notation
        /// for <see cref="AddCIDRs"/>.</summary>
        public static IReadOnlyList<string> PrivateRanges { get; } =
            Array.AsReadOnly(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "::1/128", "169.254.0.0/16", "fe80::/10", "fc00::/7"]);

        /// <summary>blockList.addAddresses(addresses[, family]): all of them, or none when one is not an address.</summary>
        /// <exception cref="NodeNetArgumentException">ERR_INVALID_ADDRESS, ERR_INVALID_ARG_VALUE (family), ERR_INVALID_ARG_TYPE.</exception>
        public void AddAddresses(IEnumerable<string> addresses, string family = "ipv4")
        {
            NodeErrors.ThrowIfNull(addresses);
            if (family is null) throw NodeErrors.InvalidArgType("family", "of type string", null);
            var parsed = new List<SocketAddress>();
            foreach (var address in addresses)
            {
                if (address is null) throw NodeErrors.InvalidArgType($"addresses[{parsed.Count}]", "of type string", null);
                parsed.Add(Parse(address, family, "address"));
            }
            foreach (var address in parsed) AddAddress(address);
        }

        /// <inheritdoc cref="AddAddresses(IEnumerable{string}, string)"/>
        public void AddAddresses(IEnumerable<SocketAddress> addresses)
        {
            NodeErrors.ThrowIfNull(addresses);
            var all = addresses.ToList();
            for (int i = 0; i < all.Count; i++)
                if (all[i] is null) throw NodeErrors.InvalidArgType($"addresses[{i}]", "of type string", null);
            foreach (var address in all) AddAddress(address);
        }

        /// <summary>blockList.addCIDR(cidr): a subnet in CIDR notation ("10.0.0.0/8", "2001:db8::/32"); IPv6 when the
        /// address has a colon.</summary>
        /// <exception cref="NodeNetArgumentException">ERR_INVALID_ARG_VALUE without a prefix length or with one that is not
        /// a plain integer; ERR_INVALID_ADDRESS; ERR_OUT_OF_RANGE for the prefix.</exception>
        public void AddCIDR(string cidr)
        {
            var (address, prefix, family) = ParseCidr(cidr, "cidr");
            AddSubnet(address, prefix, family);
        }

        /// <summary>blockList.addCIDRs(cidrs): each in turn, once every one of them reads as CIDR notation.</summary>
        public void AddCIDRs(IEnumerable<string> cidrs)
        {
            NodeErrors.ThrowIfNull(cidrs);
            var parsed = new List<(string, int, string)>();
            foreach (var cidr in cidrs)
            {
                if (cidr is null) throw NodeErrors.InvalidArgType($"cidrs[{parsed.Count}]", "of type string", null);
                parsed.Add(ParseCidr(cidr, "cidr"));
            }
            foreach (var (address, prefix, family) in parsed) AddSubnet(address, prefix, family);
        }

        /// <summary>Node's parseCIDR: split at the last '/'; the prefix must read back as the same integer ("08" does not).</summary>
        private static (string Address, int Prefix, string Family) ParseCidr(string cidr, string name)
        {
            if (cidr is null) throw NodeErrors.InvalidArgType(name, "of type string", null);
            int slash = cidr.LastIndexOf('/');
            if (slash < 0) throw NodeErrors.InvalidArgValue(name, cidr, "must contain a prefix length (e.g. \"10.0.0.0/8\")");
            string address = cidr[..slash], text = cidr[(slash + 1)..];
            if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long prefix) ||
                prefix.ToString(System.Globalization.CultureInfo.InvariantCulture) != text)
                throw NodeErrors.InvalidArgValue(name, cidr, "prefix length must be a valid integer");
            string family = address.Contains(':') ? "ipv6" : "ipv4";
            if (prefix is < int.MinValue or > int.MaxValue) CheckPrefix(prefix, family);
            return (address, (int)prefix, family);
        }
    }
}
