using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Sweep.Grains.Cluster;

namespace Sweep.Client.Hosting.Remote;

/// <summary>
/// Tells a TLS mismatch with a gateway apart from a gateway that is simply not there. Orleans'
/// connection layer swallows handshake errors and only sees a closed connection, which the
/// client would retry for --outage-seconds; a refused certificate or TLS on the silos only will
/// not pass by waiting. The probe makes one TLS 1.2 handshake of its own (where, unlike 1.3,
/// the server's verdict on this client's certificate arrives inside the handshake) and judges
/// by what the server sent back (<see cref="ServerAnswerStream"/>): only a server that answered
/// with a TLS record can be said to require TLS or to refuse a certificate. A refused
/// connection, a reset, or a close without a TLS answer (a dead silo's stale gateway, a plain
/// gateway, a port now used by something else) is never a TLS problem.
/// </summary>
internal static class GatewayTlsProbe
{
    /// <summary>
    /// How long a finished handshake waits for the gateway's refusal: it comes in milliseconds,
    /// and a gateway that accepted says nothing, so this is what a probe of a good gateway costs.
    /// </summary>
    private static readonly TimeSpan VerdictWait = TimeSpan.FromSeconds(2);

    public static async Task<GatewayTlsVerdict> CheckAsync(IPEndPoint gateway, ClusterTls? tls, TimeSpan connectTimeout, TimeSpan handshakeTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        (GatewayTlsVerdict verdict, bool dropped) = await HandshakeAsync(gateway, tls, connectTimeout, handshakeTimeout, cancellationToken);
        if (!dropped || tls is null)
        {
            return verdict;
        }

        // A gateway that answered with TLS and then dropped this client mid-handshake, without an
        // alert: a .NET gateway refusing the client's certificate does that when its check wins
        // the race with the end of the client's handshake (otherwise it closes right after, see
        // AwaitVerdictAsync); a silo dying mid-handshake does it too. A second handshake tells
        // them apart: a dead silo does not answer it.
        (verdict, dropped) = await HandshakeAsync(gateway, tls, connectTimeout, handshakeTimeout, cancellationToken);
        return dropped
            ? GatewayTlsVerdict.Refused($"the gateway at {gateway} refused this client's certificate {tls.CertificateFile} (is it signed by the CA the silos trust?): it closed the connection during the handshake, twice")
            : verdict;
    }

    /// <returns>The verdict of one handshake, and whether the gateway dropped it after answering with TLS (judged no problem on its own).</returns>
    private static async Task<(GatewayTlsVerdict Verdict, bool DroppedMidHandshake)> HandshakeAsync(IPEndPoint gateway, ClusterTls? tls, TimeSpan connectTimeout, TimeSpan handshakeTimeout, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(gateway.AddressFamily);
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connecting.CancelAfter(connectTimeout);
            try
            {
                await client.ConnectAsync(gateway, connecting.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Nothing listens, or the node is gone: a matter for the retries, not for TLS.
                return (GatewayTlsVerdict.NoProblem, false);
            }
        }

        var answer = new ServerAnswerStream(client.GetStream());
        await using var stream = new SslStream(answer, leaveInnerStreamOpen: false);
        string? refused = null;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = gateway.Address.ToString(),
            EnabledSslProtocols = SslProtocols.Tls12,
            LocalCertificateSelectionCallback = tls is null ? null : (_, _, _, _, _) => tls.Certificate,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (tls is null || tls.Accepts(certificate, errors, out string reason))
                {
                    return true;
                }

                refused = reason;
                return false;
            },
        };
        Exception? failure = null;
        bool timedOut = false;
        using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            handshake.CancelAfter(handshakeTimeout);
            try
            {
                await stream.AuthenticateAsClientAsync(options, handshake.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                timedOut = true;
            }
            catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
            {
                failure = e;
            }
        }

        (Exception? closed, bool quiet) = tls is not null && failure is null && !timedOut ? await AwaitVerdictAsync(stream, cancellationToken) : (null, false);
        GatewayTlsVerdict verdict = Judge(gateway, tls, answer, timedOut, failure, closed, quiet, refused);
        bool dropped = verdict.Problem is null && failure is IOException && answer.AnsweredWithTls && !answer.SentAlert && refused is null;
        return (verdict, dropped);
    }

    /// <summary>
    /// The server's word after a finished handshake: a gateway that took this client's certificate
    /// waits for Orleans' preamble and says nothing, so a read times out (null); one that checks
    /// the certificate only now (.NET on Linux does, and closes without an alert) ends the read.
    /// </summary>
    /// <returns>How the gateway ended the connection, or null; and whether it said nothing within <see cref="VerdictWait"/>.</returns>
    private static async Task<(Exception? Closed, bool Quiet)> AwaitVerdictAsync(SslStream stream, CancellationToken cancellationToken)
    {
        using var verdict = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        verdict.CancelAfter(VerdictWait);
        try
        {
            return await stream.ReadAsync(new byte[1], verdict.Token) == 0 ? (new IOException("it closed the connection after the handshake"), false) : (null, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, true);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            return (e, false);
        }
    }

    /// <summary>The verdict from what the server sent and how the handshake ended (apart from the sockets, to be tested alone).</summary>
    /// <param name="answer">What the server sent.</param>
    /// <param name="timedOut">The handshake neither finished nor failed in its time.</param>
    /// <param name="failure">How the handshake failed; null when it finished (or timed out).</param>
    /// <param name="closed">How the gateway ended the connection right after a finished handshake; null when it kept it open.</param>
    /// <param name="quiet">The gateway kept the connection open and silent for <see cref="VerdictWait"/> after a finished handshake.</param>
    /// <param name="refused">Why this side refused the server's certificate, or null.</param>
    private static GatewayTlsVerdict Judge(IPEndPoint gateway, ClusterTls? tls, ServerAnswerStream answer, bool timedOut, Exception? failure, Exception? closed, bool quiet, string? refused)
    {
        if (!answer.AnsweredWithTls)
        {
            // A listener that took the connection and said nothing yet may be a TLS silo that is
            // slow to answer (starting, or on a loaded machine): ask again on the next failure.
            if (timedOut && !answer.Answered)
            {
                return GatewayTlsVerdict.Undecided;
            }

            // A silo without TLS drops a TLS hello without a word, exactly as a dying one does, so
            // this alone proves nothing; it only explains a later timeout when this side uses TLS.
            return tls is not null && !answer.Answered
                ? GatewayTlsVerdict.NoProblem with { Hint = $"the gateway at {gateway} accepted this client's TLS hello and closed without a TLS answer: if the silos run without TLS, give no --tls-cert and --tls-ca" }
                : GatewayTlsVerdict.NoProblem;
        }

        if (tls is null)
        {
            return GatewayTlsVerdict.Refused($"the gateway at {gateway} requires TLS: give --tls-cert and --tls-ca (a certificate signed by the cluster's CA)");
        }

        if (refused is not null)
        {
            return GatewayTlsVerdict.Refused($"TLS with the gateway at {gateway} failed: {refused}");
        }

        if (timedOut)
        {
            return GatewayTlsVerdict.Undecided;
        }

        // The gateway's refusal is an alert inside the handshake, or the end of a connection it
        // has just completed (where an accepting gateway would wait for Orleans' preamble); a
        // handshake that merely drops (a silo going down) is for the retries.
        Exception? refusal = failure is not null && answer.SentAlert ? failure : closed;
        if (refusal is null)
        {
            // Silence is what an accepting gateway gives, but also what a loaded one gives before
            // it gets round to closing on a stranger's certificate (seen in CI with three silos
            // in one busy process): the probe runs only after a failed connection, so ask again
            // on the next failure rather than print a retry notice ahead of a refusal.
            return quiet ? GatewayTlsVerdict.Undecided : GatewayTlsVerdict.NoProblem;
        }

        return GatewayTlsVerdict.Refused($"the gateway at {gateway} refused this client's certificate {tls.CertificateFile} (is it signed by the CA the silos trust?): {Flatten(refusal)}");
    }

    private static string Flatten(Exception e)
    {
        var messages = new List<string>();
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            messages.Add(inner.Message.TrimEnd('.'));
        }

        return string.Join(": ", messages.Distinct());
    }
}
