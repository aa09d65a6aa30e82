using Xunit;

namespace NodeNet.Tests.Events;

/// <summary>Node's documented EventEmitter behaviour (checked against node 20's output for the same calls).</summary>
public class EventEmitterTests
{
    [Fact]
    public void Listeners_run_in_order_and_removal_during_emit_does_not_affect_that_emit()
    {
        var e = new EventEmitter();
        var log = new List<string>();
        Action l1 = () => log.Add("l1");
        e.On("x", l1);
        e.On("x", () => { log.Add("l2"); e.Off("x", l1); });
        e.On("x", () => log.Add("l3"));
        e.Emit("x");
        e.Emit("x");
        Assert.Equal(["l1", "l2", "l3", "l2", "l3"], log);
    }

    [Fact]
    public void Once_listener_is_removed_before_it_runs_and_listeners_are_unwrapped()
    {
        var e = new EventEmitter();
        int calls = 0;
        Action o = () => { calls++; Assert.Equal(0, e.ListenerCount("z")); };
        e.Once("z", o);
        Assert.Same(o, e.Listeners("z")[0]);
        Assert.True(e.Emit("z"));
        Assert.False(e.Emit("z"));
        Assert.Equal(1, calls);
        e.Once("z", o);
        e.Off("z", o);
        Assert.False(e.Emit("z"));
    }

    [Fact]
    public void Prepend_variants_put_listeners_first()
    {
        var e = new EventEmitter();
        var log = new List<string>();
        e.PrependListener("q", () => log.Add("second"));
        e.PrependOnceListener("q", () => log.Add("first"));
        e.Emit("q");
        e.Emit("q");
        Assert.Equal(["first", "second", "second"], log);
        Assert.Equal(1, e.ListenerCount("q"));
        Assert.Equal(["q"], e.EventNames());
    }

    [Fact]
    public void NewListener_and_removeListener_events_follow_Nodes_order()
    {
        var e = new EventEmitter();
        var log = new List<string>();
        e.On<string, Delegate>("newListener", (n, _) => log.Add("new " + n));
        e.On<string, Delegate>("removeListener", (n, _) => log.Add("rm " + n));
        Action a = () => { };
        e.On("x", a);
        e.Once("y", a);
        e.RemoveAllListeners();
        Assert.Equal(["new removeListener", "new x", "new y", "rm newListener", "rm x", "rm y"], log);
        Assert.Empty(e.EventNames());
    }

    [Fact]
    public void NewListener_fires_before_the_listener_is_added()
    {
        var e = new EventEmitter();
        int countSeen = -1;
        e.On<string, Delegate>("newListener", (n, _) => { if (n == "a") countSeen = e.ListenerCount("a"); });
        e.On("a", () => { });
        Assert.Equal(0, countSeen);
    }

    [Fact]
    public void Off_removes_the_most_recently_added_instance()
    {
        var e = new EventEmitter();
        var log = new List<int>();
        Action<int> a = n => log.Add(n);
        e.On<int>("m", _ => log.Add(-1));
        e.On("m", a);
        e.On<int>("m", _ => log.Add(-2));
        e.On("m", a);
        e.Off("m", a);
        e.Emit("m", 7);
        Assert.Equal([-1, 7, -2], log);
        Assert.Equal(3, e.ListenerCount("m"));
        Assert.Equal(1, e.ListenerCount("m", a));
    }

    [Fact]
    public void Emit_error_without_listener_throws_the_error_itself()
    {
        var e = new EventEmitter();
        var boom = new InvalidOperationException("boom");
        Assert.Same(boom, Assert.ThrowsAny<InvalidOperationException>(() => e.Emit("error", boom)));
        var wrapped = NodeAssert.Throws(() => e.Emit("error", "boom"));
        Assert.Equal("ERR_UNHANDLED_ERROR", wrapped.Code);
        Assert.Equal("Unhandled error. ('boom')", wrapped.Message);
        Assert.Equal("Unhandled error. (undefined)", NodeAssert.Throws(() => e.Emit("error")).Message);
        Exception? got = null;
        e.On<Exception>("error", x => got = x);
        Assert.True(e.Emit("error", boom));
        Assert.Same(boom, got);
    }

    [Fact]
    public void Max_listeners_warning_once_per_event_with_Nodes_text()
    {
        var warnings = new List<EmitterWarning>();
        var e = new EventEmitter();
        Action<EmitterWarning> sink = w => { if (w.Emitter == e) warnings.Add(w); };
        EventEmitter.Warning += sink;
        try
        {
            for (int i = 0; i < 12; i++) e.On("foo", () => { });
        }
        finally { EventEmitter.Warning -= sink; }
        var w = Assert.Single(warnings);
        Assert.Equal("MaxListenersExceededWarning", w.Name);
        Assert.Equal("Possible EventEmitter memory leak detected. 11 foo listeners added to [EventEmitter]. MaxListeners is 10. " +
                     "Use emitter.setMaxListeners() to increase limit", w.Message);
        Assert.Equal(11, w.Count);
        Assert.Equal("foo", w.Type);
    }

    [Fact]
    public void SetMaxListeners_zero_is_unlimited_and_negative_is_out_of_range()
    {
        var e = new EventEmitter().SetMaxListeners(0);
        var warnings = 0;
        Action<EmitterWarning> sink = w => { if (w.Emitter == e) warnings++; };
        EventEmitter.Warning += sink;
        try { for (int i = 0; i < 50; i++) e.On("a", () => { }); }
        finally { EventEmitter.Warning -= sink; }
        Assert.Equal(0, warnings);
        var err = NodeAssert.Throws(() => e.SetMaxListeners(-1));
        Assert.Equal("ERR_OUT_OF_RANGE", err.Code);
        Assert.Equal("RangeError", err.Name);
        Assert.Equal(10, new EventEmitter().GetMaxListeners());
    }

    [Fact]
    public void Typed_listeners_receive_arguments_without_casts_and_mismatches_are_explained()
    {
        var e = new EventEmitter();
        (byte[]? data, bool had) got = default;
        e.On<byte[]>("data", d => got.data = d);
        e.On<bool>("close", h => got.had = h);
        e.Emit("data", new byte[] { 1, 2 });
        e.Emit("close", true);
        Assert.Equal([1, 2], got.data!);
        Assert.True(got.had);
        e.On<int>("n", _ => { });
        var ex = Assert.ThrowsAny<ArgumentException>(() => e.Emit("n", "not a number"));
        Assert.Contains("'n'", ex.Message);
        Assert.Equal("ERR_INVALID_ARG_TYPE", ((INodeError)ex).Code);
    }

    [Fact]
    public void Bad_arguments_throw_clear_errors()
    {
        var e = new EventEmitter();
        var ex = NodeAssert.Throws(() => e.On("x", (Action)null!));
        Assert.Equal("ERR_INVALID_ARG_TYPE", ex.Code);
        Assert.ThrowsAny<ArgumentNullException>(() => e.On(null!, () => { }));
    }
}
