namespace NodeNet;

public static partial class Net
{
    // Removing rules (Node 24 and later): a rule goes only when one made the same way is named; anything else is no
    // error and changes nothing, as in Node.
    public sealed partial class BlockList
    {
        /// <summary>blockList.removeAddress(address[, family]): the address rule for it (or for its IPv4/v4-mapped twin).</summary>
        /// <exception cref="NodeNetArgumentException">ERR_INVALID_ADDRESS, ERR_INVALID_ARG_VALUE (family).</exception>
        public void RemoveAddress(string address, string family = "ipv4") => RemoveAddress(Parse(address, family, "address"));

        /// <inheritdoc cref="RemoveAddress(string, string)"/>
        public void RemoveAddress(SocketAddress address)
        {
            NodeErrors.ThrowIfNull(address);
            var key = Key(address.Ip);
            RemoveFirst(r => r.Kind == RuleKind.Address && r.Low == key);
        }

        /// <summary>blockList.removeRange(start, end[, family]): one range rule with exactly these ends.</summary>
        public void RemoveRange(string start, string end, string family = "ipv4") =>
            RemoveRange(Parse(start, family, "start"), Parse(end, family, "end"));

        /// <inheritdoc cref="RemoveRange(string, string, string)"/>
        public void RemoveRange(SocketAddress start, SocketAddress end)
        {
            NodeErrors.ThrowIfNull(start);
            NodeErrors.ThrowIfNull(end);
            UInt128 low = Key(start.Ip), high = Key(end.Ip);
            RemoveFirst(r => r.Kind == RuleKind.Range && r.Family == start.Family && r.Low == low && r.High == high);
        }

        /// <summary>blockList.removeSubnet(net, prefix[, family]): one subnet rule made with this address and prefix.</summary>
        /// <exception cref="NodeNetArgumentOutOfRangeException">ERR_OUT_OF_RANGE for the prefix.</exception>
        public void RemoveSubnet(string network, int prefix, string family = "ipv4") => RemoveSubnet(ParseSubnet(network, prefix, family), prefix);

        /// <inheritdoc cref="RemoveSubnet(string, int, string)"/>
        public void RemoveSubnet(SocketAddress network, int prefix)
        {
            NodeErrors.ThrowIfNull(network);
            CheckPrefix(prefix, network.Family);
            var given = Key(network.Ip);
            RemoveFirst(r => r.Kind == RuleKind.Subnet && r.Family == network.Family && r.Given == given && r.Prefix == prefix);
        }

        /// <summary>blockList.removeCIDR(cidr): <see cref="RemoveSubnet(string, int, string)"/> in CIDR notation.</summary>
        public void RemoveCIDR(string cidr)
        {
            var (address, prefix, family) = ParseCidr(cidr, "cidr");
            RemoveSubnet(address, prefix, family);
        }

        private void RemoveFirst(Func<Rule, bool> match)
        {
            lock (_gate)
            {
                int i = Array.FindIndex(_rules, r => match(r));
                if (i >= 0) Volatile.Write(ref _rules, [.. _rules[..i], .. _rules[(i + 1)..]]);
            }
        }
    }
}
