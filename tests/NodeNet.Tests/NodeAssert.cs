using Xunit;

namespace NodeNet.Tests;

/// <summary>Assertions for NodeNet's errors, whatever .NET type each is (they are all <see cref="INodeError"/>).</summary>
internal static class NodeAssert
{
    public static INodeError Throws(Action action)
    {
        var e = Record.Exception(action);
        Assert.NotNull(e);
        return Assert.IsAssignableFrom<INodeError>(e);
    }

    public static INodeError Throws(Func<object?> action) => Throws(() => { action(); });

    public static async Task<INodeError> ThrowsAsync(Func<Task> action)
    {
        var e = await Record.ExceptionAsync(action);
        Assert.NotNull(e);
        return Assert.IsAssignableFrom<INodeError>(e);
    }
}
