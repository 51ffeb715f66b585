namespace Sweep.Client.Hosting.Remote;

/// <summary>
/// What probing the gateways found about TLS. <see cref="Problem"/>: a mismatch that waiting
/// will not cure (the command stops with exit code 8). Otherwise <see cref="Decided"/> says
/// whether every gateway either did not answer at all or settled TLS; it is false when one
/// accepted the connection but neither finished nor refused the handshake in time, or finished
/// it and then said nothing (an accepting gateway, or a loaded one that has not yet closed on a
/// stranger's certificate), so the next failure probes again before anything is concluded.
/// </summary>
/// <param name="Hint">Worth adding to a later "could not connect" message: a gateway accepted this client's TLS hello and closed without a TLS answer, as a silo without TLS does.</param>
internal sealed record GatewayTlsVerdict(string? Problem, bool Decided, string? Hint = null)
{
    public static GatewayTlsVerdict NoProblem { get; } = new(null, true);

    public static GatewayTlsVerdict Undecided { get; } = new(null, false);

    public static GatewayTlsVerdict Refused(string problem) => new(problem, true);

    /// <summary>One verdict for all the gateways: a problem wins, then an undecided gateway, then a hint.</summary>
    public static GatewayTlsVerdict Combine(IEnumerable<GatewayTlsVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        GatewayTlsVerdict[] all = [.. verdicts];
        return all.FirstOrDefault(v => v.Problem is not null)
            ?? all.FirstOrDefault(v => !v.Decided)
            ?? all.FirstOrDefault(v => v.Hint is not null)
            ?? NoProblem;
    }
}
