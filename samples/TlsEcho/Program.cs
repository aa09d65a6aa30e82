// TlsEcho: a TLS echo server and client, both through NodeNet's Stream view and SslStream, with a
// self-signed certificate made at start. `TlsEcho [port]` serves until Ctrl+C; `TlsEcho --demo` runs
// one round trip against itself and exits 0 when the echo matches.
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NodeNet;

using var certificate = SelfSigned();
await using var server = Net.CreateServer();
bool demo = args.Contains("--demo");
int port = args.FirstOrDefault(a => int.TryParse(a, out _)) is { } p ? int.Parse(p) : demo ? 0 : 8443;
var address = await server.ListenAsync(port, demo ? "127.0.0.1" : null);
Console.WriteLine($"TLS echo on {address}");

var serving = Task.Run(async () =>
{
    await foreach (var socket in server)
        _ = Task.Run(async () =>
        {
            await using var tls = new SslStream(socket.AsStream());
            try
            {
                await tls.AuthenticateAsServerAsync(certificate);
                await tls.CopyToAsync(tls); // echo until the client closes
            }
            catch (Exception e) when (e is IOException or NodeNetException or System.Security.Authentication.AuthenticationException) { }
        });
});

if (!demo)
{
    var done = new TaskCompletionSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; done.TrySetResult(); };
    await done.Task;
    return 0;
}

var client = await Net.ConnectAsync(address.Port, "127.0.0.1");
await using var tlsClient = new SslStream(client.AsStream(), false,
    (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString()); // trust exactly our certificate
await tlsClient.AuthenticateAsClientAsync("localhost");
var message = Encoding.UTF8.GetBytes("hello over TLS, through NodeNet");
await tlsClient.WriteAsync(message);
var reply = new byte[message.Length];
await tlsClient.ReadExactlyAsync(reply);
Console.WriteLine($"{tlsClient.SslProtocol} {tlsClient.NegotiatedCipherSuite}: {Encoding.UTF8.GetString(reply)}");
return reply.AsSpan().SequenceEqual(message) ? 0 : 1;

static X509Certificate2 SelfSigned()
{
    using var key = RSA.Create(2048);
    var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    var san = new SubjectAlternativeNameBuilder();
    san.AddDnsName("localhost");
    request.CertificateExtensions.Add(san.Build());
    using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null); // SslStream on Linux wants a PKCS#12-backed key
}
