using System;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Network;

namespace HamletPS.Core.Network
{
    /// <summary>Verification (C-ECHO) against a remote AE: Test-DicomEcho and <c>hamlet echo</c>. Never throws for network failures.</summary>
    public static class DicomEchoTester
    {
        public static async Task<DicomEchoResult> EchoAsync(DicomPeer peer, CancellationToken cancellationToken)
        {
            if (peer == null) throw new ArgumentNullException(nameof(peer));
            ScuOptions options = peer.ToScuOptions();
            options.Association.DimseTimeout = TimeSpan.FromSeconds(peer.TimeoutSeconds);
            EchoResult r = await EchoScu.EchoAsync(options, cancellationToken).ConfigureAwait(false);
            return new DicomEchoResult
            {
                Host = r.Host,
                Port = r.Port,
                CalledAE = r.CalledAeTitle,
                CallingAE = r.CallingAeTitle,
                Success = r.Success,
                RoundTripMilliseconds = Math.Round(r.RoundTrip.TotalMilliseconds, 3),
                TotalMilliseconds = Math.Round(r.Total.TotalMilliseconds, 3),
                Error = r.Error,
            };
        }
    }
}
