using System.Reflection;
using System.Runtime.ExceptionServices;

namespace NodeNet;

public partial class EventEmitter
{
    /// <summary>One registered listener. Typed subclasses call their delegate directly (no reflection on the hot path).</summary>
    private abstract class Listener(Delegate target, bool once)
    {
        public readonly Delegate Target = target ?? throw NodeErrors.InvalidArgType("listener", "of type function", null);
        public readonly bool Once = once;
        public int Fired; // 1 once a once-listener has fired (set with Interlocked: a multi-loop server emits from several threads)

        public abstract void Invoke(string eventName, ReadOnlySpan<object?> args);

        /// <summary>The types the listener takes, checked against a built-in event's when it is added; null takes anything.</summary>
        public abstract Type[]? ParameterTypes { get; }

        public static Listener For(Delegate listener, bool once) => listener switch
        {
            Action a => new Listener0(a, once),
            null => throw NodeErrors.InvalidArgType("listener", "of type function", null),
            _ => new DynamicListener(listener, once),
        };

        /// <summary>Emit's arguments cannot reach a listener that takes other types (a user event's only: built-in events
        /// are checked when a listener is added).</summary>
        public static NodeNetArgumentException ArgMismatch(string eventName, Type expected, int i, object value) =>
            NodeErrors.InvalidArgType($"args[{i}]", $"of type {expected.Name} for a listener of '{eventName}'", value);

        public static T Arg<T>(string eventName, ReadOnlySpan<object?> args, int i)
        {
            object? v = i < args.Length ? args[i] : null;
            if (v is T t) return t;
            if (v == null) return default!;
            throw ArgMismatch(eventName, typeof(T), i, v);
        }
    }

    private sealed class Listener0(Action a, bool once) : Listener(a, once)
    {
        public override Type[]? ParameterTypes => [];
        public override void Invoke(string eventName, ReadOnlySpan<object?> args) => a();
    }

    private sealed class Listener1<T>(Action<T> a, bool once) : Listener(a, once)
    {
        // Action<object?[]> is JavaScript's (...args) => listener: it receives every argument as given.
        private static readonly bool RestArgs = typeof(T) == typeof(object?[]);

        public override Type[]? ParameterTypes => RestArgs ? null : [typeof(T)];

        public override void Invoke(string eventName, ReadOnlySpan<object?> args)
        {
            if (RestArgs) { a((T)(object)args.ToArray()); return; }
            a(Arg<T>(eventName, args, 0));
        }
    }

    private sealed class Listener2<T1, T2>(Action<T1, T2> a, bool once) : Listener(a, once)
    {
        public override Type[]? ParameterTypes => [typeof(T1), typeof(T2)];
        public override void Invoke(string eventName, ReadOnlySpan<object?> args) =>
            a(Arg<T1>(eventName, args, 0), Arg<T2>(eventName, args, 1));
    }

    private sealed class Listener3<T1, T2, T3>(Action<T1, T2, T3> a, bool once) : Listener(a, once)
    {
        public override Type[]? ParameterTypes => [typeof(T1), typeof(T2), typeof(T3)];
        public override void Invoke(string eventName, ReadOnlySpan<object?> args) =>
            a(Arg<T1>(eventName, args, 0), Arg<T2>(eventName, args, 1), Arg<T3>(eventName, args, 2));
    }

    /// <summary>Any other delegate type: arguments matched by position, missing ones default.</summary>
    private sealed class DynamicListener(Delegate d, bool once) : Listener(d, once)
    {
        public override Type[]? ParameterTypes => Target.Method.GetParameters().Select(p => p.ParameterType).ToArray();

        public override void Invoke(string eventName, ReadOnlySpan<object?> args)
        {
            ParameterInfo[] ps = Target.Method.GetParameters();
            var values = new object?[ps.Length];
            for (int i = 0; i < ps.Length; i++)
            {
                object? v = i < args.Length ? args[i] : null;
                Type t = ps[i].ParameterType;
                if (v == null) values[i] = null; // reflection passes default(T) for a null value-type argument
                else if (t.IsInstanceOfType(v)) values[i] = v;
                else throw ArgMismatch(eventName, t, i, v);
            }
            try { Target.DynamicInvoke(values); }
            catch (TargetInvocationException e) when (e.InnerException != null) { ExceptionDispatchInfo.Throw(e.InnerException); }
        }
    }

    /// <summary>Calls a typed .NET event's handler (<paramref name="target"/>) with the emitted arguments.</summary>
    private protected delegate void EventAdapter(Delegate target, ReadOnlySpan<object?> args);

    /// <summary>A typed .NET event's handler, registered under the Node event's name: it is one of that event's listeners
    /// (ordered, counted and removed with the others), seen by <c>Listeners</c> as the handler itself.</summary>
    private sealed class AdaptedListener(Delegate target, bool once, Type[] accepts, EventAdapter adapter) : Listener(target, once)
    {
        public override Type[]? ParameterTypes => accepts;
        public override void Invoke(string eventName, ReadOnlySpan<object?> args) => adapter(Target, args);
    }
}
