using System.Text.Json;
using System.Text.RegularExpressions;

namespace NodeNet;

public static partial class Net
{
    // The rules as JSON and back (Node 24 and later): toJSON() is the rules; fromJSON() adds each rule it can read.
    public sealed partial class BlockList
    {
        /// <summary>blockList.toJSON(): the rules, as <see cref="Rules"/> lists them.</summary>
        public IReadOnlyList<string> ToJSON() => Rules;

        /// <summary>blockList.fromJSON(json): a JSON array of rules as <see cref="ToJSON"/> writes them.</summary>
        /// <exception cref="NodeNetArgumentException">ERR_INVALID_ARG_TYPE when the JSON is not an array of strings.</exception>
        /// <exception cref="JsonException">The text is not JSON (Node throws a SyntaxError).</exception>
        public void FromJSON(string json)
        {
            if (json is null) throw NodeErrors.InvalidArgType("data", "of type string or string[]", null);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw new NodeNetArgumentException("ERR_INVALID_ARG_TYPE",
                    $"The \"data\" argument must be of type string or string[]. {Received(root)}", "data");
            FromJSON(root.EnumerateArray().Select(e => e.GetString()!).ToList());
        }

        /// <summary>blockList.fromJSON(rules): adds, in order, each rule it reads ("Address: IPv4 10.0.0.5",
        /// "Subnet: IPv6 2001:db8::/48", "Range: IPv4 10.0.0.1-10.0.0.10"), and passes over anything else. A rule it reads
        /// but cannot add throws as the add method does, and the rules before it stay.</summary>
        public void FromJSON(IEnumerable<string> rules)
        {
            NodeErrors.ThrowIfNull(rules);
            var all = rules.ToList();
            if (all.Any(r => r is null)) throw NodeErrors.InvalidArgType("data", "of type string or string[]", all);
            foreach (string rule in all) AddFromText(rule);
        }

        // What Node's fromJSON finds in a line, anywhere in it: the IPv4 forms first, then the IPv6 ones (case aside).
        private static readonly Regex V4Subnet = new(@"Subnet: IPv4 (\d{1,3}(?:\.\d{1,3}){3})/(\d{1,2})");
        private static readonly Regex V4Address = new(@"Address: IPv4 (\d{1,3}(?:\.\d{1,3}){3})");
        private static readonly Regex V4Range = new(@"Range: IPv4 (\d{1,3}(?:\.\d{1,3}){3})-(\d{1,3}(?:\.\d{1,3}){3})");
        private static readonly Regex V6Subnet = new(@"Subnet: IPv6 ([0-9a-f:.]{1,45})/([0-9]{1,3})", RegexOptions.IgnoreCase);
        private static readonly Regex V6Address = new(@"Address: IPv6 ([0-9a-f:.]{1,45})", RegexOptions.IgnoreCase);
        private static readonly Regex V6Range = new(@"Range: IPv6 ([0-9a-f:.]{1,45})-([0-9a-f:.]{1,45})", RegexOptions.IgnoreCase);

        private void AddFromText(string rule)
        {
            if (rule.Contains("IPv4"))
            {
                if (V4Subnet.Match(rule) is { Success: true } s) { AddSubnet(s.Groups[1].Value, int.Parse(s.Groups[2].Value)); return; }
                if (V4Address.Match(rule) is { Success: true } a) { AddAddress(a.Groups[1].Value); return; }
                if (V4Range.Match(rule) is { Success: true } r) { AddRange(r.Groups[1].Value, r.Groups[2].Value); return; }
            }
            if (rule.Contains("IPv6"))
            {
                if (V6Subnet.Match(rule) is { Success: true } s) { AddSubnet(s.Groups[1].Value, int.Parse(s.Groups[2].Value), "ipv6"); return; }
                if (V6Address.Match(rule) is { Success: true } a) { AddAddress(a.Groups[1].Value, "ipv6"); return; }
                if (V6Range.Match(rule) is { Success: true } r) AddRange(r.Groups[1].Value, r.Groups[2].Value, "ipv6");
            }
        }

        private static string Received(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Array => "Received an instance of Array",
            JsonValueKind.Object => "Received an instance of Object",
            JsonValueKind.String => $"Received type string ('{e.GetString()}')",
            JsonValueKind.Number => $"Received type number ({e.GetRawText()})",
            JsonValueKind.True or JsonValueKind.False => $"Received type boolean ({e.GetRawText()})",
            _ => "Received null",
        };
    }
}
