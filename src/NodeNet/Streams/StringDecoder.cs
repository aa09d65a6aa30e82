using System.Text;

namespace NodeNet;

/// <summary>Node's StringDecoder: bytes in, whole characters out, with a flush at end of stream.</summary>
internal sealed class StringDecoder
{
    public readonly string Encoding;
    private readonly Decoder? _decoder;
    private readonly byte[] _pending = new byte[2]; // base64 keeps up to two bytes of an unfinished 3-byte group
    private int _pendingCount;

    public StringDecoder(string encoding)
    {
        Encoding = NodeEncoding.Require(encoding);
        _decoder = Encoding switch
        {
            "utf8" => new UTF8Encoding(false, false).GetDecoder(),
            "utf16le" => new UnicodeEncoding(false, false, false).GetDecoder(),
            _ => null,
        };
    }

    public string Write(ReadOnlySpan<byte> bytes) => Decode(bytes, flush: false);

    public string End() => Decode([], flush: true);

    private string Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        switch (Encoding)
        {
            case "utf8":
            case "utf16le":
                return Consume(bytes, flush);
            case "latin1":
                return string.Create(bytes.Length, bytes.ToArray(), static (span, b) => { for (int i = 0; i < b.Length; i++) span[i] = (char)b[i]; });
            case "ascii":
                return string.Create(bytes.Length, bytes.ToArray(), static (span, b) => { for (int i = 0; i < b.Length; i++) span[i] = (char)(b[i] & 0x7f); });
            case "hex":
                return Convert.ToHexString(bytes).ToLowerInvariant();
            default:
                return Base64(bytes, flush, Encoding == "base64url");
        }
    }

    private string Consume(ReadOnlySpan<byte> bytes, bool flush)
    {
        // GetCharCount leaves the decoder's state alone; GetChars then consumes and keeps a split character.
        char[] chars = new char[_decoder!.GetCharCount(bytes, flush)];
        int count = _decoder.GetChars(bytes, chars, flush);
        return new string(chars, 0, count);
    }

    private string Base64(ReadOnlySpan<byte> bytes, bool flush, bool url)
    {
        var all = new byte[_pendingCount + bytes.Length];
        _pending.AsSpan(0, _pendingCount).CopyTo(all);
        bytes.CopyTo(all.AsSpan(_pendingCount));
        int whole = flush ? all.Length : all.Length - all.Length % 3;
        _pendingCount = all.Length - whole;
        all.AsSpan(whole).CopyTo(_pending);
        string s = Convert.ToBase64String(all, 0, whole);
        return url ? s.TrimEnd('=').Replace('+', '-').Replace('/', '_') : s;
    }
}
