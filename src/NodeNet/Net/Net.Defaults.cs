namespace NodeNet;

// net.getDefaultAutoSelectFamily / setDefaultAutoSelectFamily and the attempt timeout: process-wide defaults that
// connect options fall back to when they leave AutoSelectFamily / AutoSelectFamilyAttemptTimeout unset.
public static partial class Net
{
    private static volatile bool s_autoSelectFamily = true;
    private static volatile int s_autoSelectFamilyAttemptTimeout = 500;

    /// <summary>net.getDefaultAutoSelectFamily(): true unless changed (Node's default since 20).</summary>
    public static bool GetDefaultAutoSelectFamily() => s_autoSelectFamily;

    /// <summary>net.setDefaultAutoSelectFamily(value): the default of <see cref="ConnectOptions.AutoSelectFamily"/>. Thread-safe.</summary>
    public static void SetDefaultAutoSelectFamily(bool value) => s_autoSelectFamily = value;

    /// <summary>net.getDefaultAutoSelectFamilyAttemptTimeout(): 500 ms unless changed (Node 26; 250 in Node 24 and earlier).</summary>
    public static int GetDefaultAutoSelectFamilyAttemptTimeout() => s_autoSelectFamilyAttemptTimeout;

    /// <summary>net.setDefaultAutoSelectFamilyAttemptTimeout(ms): at least 1; values below 10 become 10, as in Node.
    /// Thread-safe.</summary>
    /// <exception cref="NodeNetArgumentOutOfRangeException">ERR_OUT_OF_RANGE below 1.</exception>
    public static void SetDefaultAutoSelectFamilyAttemptTimeout(int value) =>
        s_autoSelectFamilyAttemptTimeout = ValidateAttemptTimeout(value, "value");

    /// <summary>Node's validateInt32(value, name, 1), then the floor of 10 ms.</summary>
    internal static int ValidateAttemptTimeout(int value, string name)
    {
        if (value < 1) throw NodeErrors.OutOfRange(name, ">= 1 && <= 2147483647", (double)value);
        return Math.Max(value, 10);
    }
}
