using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Network;

namespace HamletPS.Core.Network
{
    /// <summary>
    /// Sends Part 10 files to a remote AE (Send-Dicom, <c>hamlet send</c>): one association for the batch with the presentation
    /// contexts the files need, reopened if the peer releases; every file streamed from disk. Network failures become per-file
    /// results, never exceptions; cancellation aborts the association and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static class DicomSender
    {
        /// <summary>Sends <paramref name="files"/>; reports each result as it is known (progress.File) and returns them all in input order.</summary>
        public static async Task<IReadOnlyList<SentDicomFile>> SendAsync(DicomPeer peer, IEnumerable<string> files, IProgress<DicomSendProgress> progress, CancellationToken cancellationToken)
        {
            if (peer == null) throw new ArgumentNullException(nameof(peer));
            ScuOptions options = peer.ToScuOptions();
            string peerName = peer.ToString();
            var relay = progress == null ? null : new CallbackProgress<SendProgress>(p => progress.Report(new DicomSendProgress
            {
                FilesDone = p.FilesDone,
                FilesTotal = p.FilesTotal,
                BytesDone = p.BytesDone,
                BytesTotal = p.BytesTotal,
                Elapsed = p.Elapsed,
                File = p.LastResult == null ? null : Map(p.LastResult, peerName),
            }));
            IReadOnlyList<SendResult> results = await StorageScu.SendAsync(options, files, relay, cancellationToken).ConfigureAwait(false);
            return results.Select(r => Map(r, peerName)).ToList();
        }

        internal static SentDicomFile Map(SendResult r, string peer)
        {
            var sent = new SentDicomFile
            {
                Path = r.Path,
                SOPInstanceUID = r.SopInstanceUid,
                SOPClassUID = r.SopClassUid,
                SOPClassName = DicomReceiver.SopClassName(r.SopClassUid),
                Length = r.Length,
                Status = r.Status?.ToString("X4", CultureInfo.InvariantCulture),
                Success = r.Success,
                Peer = peer,
            };
            if (r.Status.HasValue)
            {
                sent.StatusText = DimseStatus.Describe(r.Status.Value) + (string.IsNullOrEmpty(r.ErrorComment) ? string.Empty : " (" + r.ErrorComment + ")");
                if (!r.Success) sent.FailureReason = "DicomStoreRefused";
            }
            else
            {
                sent.StatusText = r.Error ?? "not sent";
                sent.FailureReason = r.SopInstanceUid == null ? "InvalidDicomFile" : "DicomSendFailed";
            }
            return sent;
        }
    }
}
