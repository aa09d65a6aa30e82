using System.Text.Json;

namespace NodeNet.Tests.Conformance;

// net.BlockList's members since Node 24 (scenarios/block-list-edits.js).
public static partial class Scenarios
{
    public static void BlockListEdits(Trace t)
    {
        var b = new Net.BlockList();
        b.AddAddress("1.2.3.4");
        b.AddAddress("::ffff:1.2.3.4", "ipv6");
        b.AddSubnet("10.1.2.3", 8);
        b.AddSubnet("10.1.2.3", 8);
        b.AddRange("1.1.1.1", "1.1.1.9");
        t.T("added", b.Size, b.Rules);
        b.RemoveSubnet("10.0.0.0", 8);
        b.RemoveRange("1.1.1.1", "1.1.1.5");
        b.RemoveAddress("9.9.9.9");
        t.T("nothing removed", b.Size);
        b.RemoveSubnet("10.1.2.3", 8);
        b.RemoveAddress("1.2.3.4");
        b.RemoveRange("1.1.1.1", "1.1.1.9");
        t.T("removed", b.Size, b.Rules, b.Check("10.200.0.1"), b.Check("1.2.3.4"));
        t.TryDo("removeSubnet prefix 40", () => b.RemoveSubnet("1.2.3.0", 40));
        t.TryDo("removeAddress not an address", () => b.RemoveAddress("x"));
        foreach (var c in new[] { "172.16.0.0/12", "2001:db8::/32", "10.0.0.0", "10.0.0.0/08", "10.0.0.0/+8", "10.0.0.0/-1", "10.0.0.0/33", "x/8", "/8", "::ffff:1.2.3.4/100" })
            t.TryDo("addCIDR " + c, () => b.AddCIDR(c));
        t.T("cidrs", b.Rules, b.Check("172.31.255.255"), b.Check("2001:db8:ffff::1", "ipv6"));
        b.RemoveCIDR("172.16.0.0/12");
        t.T("removeCIDR", b.Check("172.31.255.255"));
        b.Clear();
        t.T("clear", b.Size, b.Rules);
        t.TryDo("addCIDRs with a bad one", () => b.AddCIDRs(["10.0.0.0/8", "bad", "11.0.0.0/8"]));
        t.T("none added", b.Size);
        t.TryDo("addAddresses with a bad one", () => b.AddAddresses(["1.1.1.1", "nope", "2.2.2.2"]));
        t.T("none added", b.Size);
        t.TryDo("addAddresses ipv5", () => b.AddAddresses(["1.1.1.1"], "ipv5"));
        t.TryDo("addAddresses v6", () => b.AddAddresses(["::1", "::2", "2001:DB8::1"], "ipv6"));
        b.AddAddresses([new Net.SocketAddress(new Net.SocketAddressOptions { Address = "3.3.3.3" }), new Net.SocketAddress(new Net.SocketAddressOptions { Address = "4.4.4.4" })]);
        b.AddCIDRs(Net.BlockList.PrivateRanges);
        t.T("bulk", b.Size, b.ToJSON(), JsonSerializer.Serialize(b.ToJSON()) == JsonSerializer.Serialize(b.Rules));
        t.T("private ranges", Net.BlockList.PrivateRanges, b.Check("192.168.1.1"), b.Check("fd00::1", "ipv6"), b.Check("8.8.8.8"));
        var c2 = new Net.BlockList();
        c2.FromJSON(JsonSerializer.Serialize(b.ToJSON()));
        t.T("round trip", c2.Size == b.Size, c2.Rules.SequenceEqual(b.Rules));
        var d = new Net.BlockList();
        d.FromJSON(["junk", "Address: IPv4 7.7.7.7 and more", "Subnet: IPv4 10.0.0.0", "Range: IPv6 ::1-::9", "Address: IPv6 ::ffff:1.2.3.4", "Subnet: IPv6 fe80::/10"]);
        t.T("fromJSON", d.Rules);
        t.TryDo("fromJSON invalid address", () => d.FromJSON(["Address: IPv4 8.8.8.8", "Address: IPv4 999.1.1.1"]));
        t.TryDo("fromJSON backwards range", () => d.FromJSON(["Range: IPv4 1.1.1.9-1.1.1.1"]));
        t.TryDo("fromJSON object", () => d.FromJSON("{\"a\":1}"));
        t.TryDo("fromJSON numbers", () => d.FromJSON("[1]"));
        t.T("after", d.Size);
    }
}
