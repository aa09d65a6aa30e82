using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace NodeNet.Tests.Async;

/// <summary>SslStream over NodeNet on both ends, with a self-signed certificate made in the test.</summary>
public class TlsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    internal static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // SslStream on Linux wants a certificate whose key came from a PKCS#12 blob.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    [Fact]
    public async Task Tls_echo_is_byte_exact_over_1_MiB()
    {
        using var certificate = SelfSigned();
        var data = RandomNumberGenerator.GetBytes(1024 * 1024);
        await using var server = Net.CreateServer();
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;

        var serving = Task.Run(async () =>
        {
            await foreach (var socket in server)
            {
                await using var tls = new SslStream(socket.AsStream());
                await tls.AuthenticateAsServerAsync(certificate);
                var buffer = new byte[16 * 1024];
                int n;
                while ((n = await tls.ReadAsync(buffer)) > 0) await tls.WriteAsync(buffer.AsMemory(0, n));
                return tls.SslProtocol;
            }
            return SslProtocols.None;
        });

        var client = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var stream = client.AsStream();
        await using var tlsClient = new SslStream(stream, false, (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString());
        await tlsClient.AuthenticateAsClientAsync("localhost").WaitAsync(Deadline);
        var reading = Task.Run(async () =>
        {
            var got = new MemoryStream();
            var buffer = new byte[16 * 1024];
            while (got.Length < data.Length)
            {
                int n = await tlsClient.ReadAsync(buffer);
                if (n == 0) break;
                got.Write(buffer, 0, n);
            }
            return got.ToArray();
        });
        for (int off = 0; off < data.Length; off += 50_000)
            await tlsClient.WriteAsync(data.AsMemory(off, Math.Min(50_000, data.Length - off))).AsTask().WaitAsync(Deadline);
        var echoed = await reading.WaitAsync(Deadline);
        await tlsClient.ShutdownAsync();
        await stream.ShutdownAsync().WaitAsync(Deadline);
        var protocol = await serving.WaitAsync(Deadline);

        Assert.Equal(data.Length, echoed.Length);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(echoed));
        Assert.True(protocol is SslProtocols.Tls12 or SslProtocols.Tls13, protocol.ToString());
    }
}
