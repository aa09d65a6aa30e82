using System.Reflection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace NodeNet.Tests.Diagnostics;

/// <summary>One log event id table for every package: a server's logger is shared by the core library and
/// NodeNet.Hosting, so an id (and an event name) must mean one thing across all of them.</summary>
public class LogEventIdTests
{
    private static readonly Assembly[] Packages =
        [typeof(Server).Assembly, typeof(NodeNet.Hosting.NodeNetServerOptions).Assembly, typeof(NodeNet.AspNetCore.NodeNetTransportOptions).Assembly];

    private static List<(string Method, LoggerMessageAttribute Attribute)> LogMethods() =>
        Packages.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Assembly.GetName().Name}:{m.DeclaringType.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute != null).Select(x => (x.Method, x.Attribute!)).ToList();

    private static Dictionary<string, int> Table() =>
        typeof(NodeNetLogEvents).GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(f => f.Name, f => (int)f.GetValue(null)!);

    [Fact]
    public void Every_log_event_has_an_id_and_a_name_of_its_own_across_the_packages()
    {
        var methods = LogMethods();
        Assert.True(methods.Count >= 17, $"found only {methods.Count} log methods: the scan missed a package");
        foreach (var group in methods.GroupBy(m => m.Attribute.EventId))
            Assert.True(group.Count() == 1, $"event id {group.Key} is used by {string.Join(", ", group.Select(g => g.Method))}");
        foreach (var group in methods.GroupBy(m => m.Attribute.EventName))
            Assert.True(group.Count() == 1, $"event name {group.Key ?? "(none)"} is used by {string.Join(", ", group.Select(g => g.Method))}");
    }

    [Fact]
    public void Every_log_event_is_in_the_table_under_its_own_name()
    {
        var table = Table();
        Assert.Equal(table.Count, table.Values.Distinct().Count());
        var methods = LogMethods();
        foreach (var (method, attribute) in methods)
        {
            Assert.True(table.TryGetValue(attribute.EventName ?? "", out int id), $"{method}: event name {attribute.EventName} is not in NodeNetLogEvents");
            Assert.Equal(id, attribute.EventId);
        }
        Assert.Equal(table.Keys.Order(), methods.Select(m => m.Attribute.EventName!).Order());
    }
}
