using System;
using System.Threading;

namespace HamletPS.AzureFilesEndpoint;

public enum FaultKind
{
    /// <summary>Read part of the request body, then reset the connection without answering.</summary>
    DropConnection,
    /// <summary>Answer with an error status (e.g. 503 ServerBusy, 500 InternalError) without performing the operation.</summary>
    Status,
    /// <summary>Wait before handling the request normally.</summary>
    Delay,
}

/// <summary>A fault applied to requests that match <see cref="Match"/>, at most <see cref="Count"/> times (-1: until removed).</summary>
public sealed class FaultRule
{
    private int _remaining;

    public FaultRule(FaultKind kind, Func<EndpointRequest, bool> match, int count)
    {
        Kind = kind;
        Match = match ?? (_ => true);
        _remaining = count;
    }

    public FaultKind Kind { get; }
    public Func<EndpointRequest, bool> Match { get; }
    public int StatusCode { get; init; } = 503;
    public string ErrorCode { get; init; } = "ServerBusy";
    public TimeSpan Delay { get; init; }
    /// <summary>For <see cref="FaultKind.DropConnection"/>: how many body bytes to read before the reset.</summary>
    public long DropAfterBytes { get; init; } = 1024 * 1024;
    /// <summary>How many times the rule fired.</summary>
    public int Fired => _fired;
    private int _fired;

    internal bool TryConsume(EndpointRequest request)
    {
        if (!Match(request)) return false;
        while (true)
        {
            int left = Volatile.Read(ref _remaining);
            if (left == 0) return false;
            if (left < 0 || Interlocked.CompareExchange(ref _remaining, left - 1, left) == left)
            {
                Interlocked.Increment(ref _fired);
                return true;
            }
        }
    }

    public static FaultRule DropRangeWrites(int count, long afterBytes = 1024 * 1024, Func<EndpointRequest, bool> match = null) =>
        new FaultRule(FaultKind.DropConnection, r => r.IsPutRange && (match == null || match(r)), count) { DropAfterBytes = afterBytes };

    public static FaultRule ServerBusy(int count, Func<EndpointRequest, bool> match = null) =>
        new FaultRule(FaultKind.Status, match, count) { StatusCode = 503, ErrorCode = "ServerBusy" };

    public static FaultRule InternalError(int count, Func<EndpointRequest, bool> match = null) =>
        new FaultRule(FaultKind.Status, match, count) { StatusCode = 500, ErrorCode = "InternalError" };

    public static FaultRule Slow(TimeSpan delay, int count, Func<EndpointRequest, bool> match = null) =>
        new FaultRule(FaultKind.Delay, match, count) { Delay = delay };
}
