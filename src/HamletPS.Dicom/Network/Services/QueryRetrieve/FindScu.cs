#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Query SCU (PS3.4 C.4.1): one association, one C-FIND in the Patient Root or Study Root model, every pending response
    /// decoded (with the response's Specific Character Set) and handed to the caller as it arrives, never collected. The
    /// callback returns false to stop: a C-CANCEL-RQ is sent and the association released once the peer confirms. Cancelling
    /// the token does the same and then throws <see cref="OperationCanceledException"/>. A failure status, a rejected or lost
    /// association throw a <see cref="DicomNetworkException"/> naming the peer and the reason.
    /// </summary>
    public static class FindScu
    {
        public static async Task<FindResult> FindAsync(ScuOptions options, QueryRetrieveModel model, DicomDataset identifier, Func<DicomDataset, bool> onMatch, CancellationToken cancellationToken)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (identifier == null) throw new ArgumentNullException(nameof(identifier));
            if (onMatch == null) throw new ArgumentNullException(nameof(onMatch));
            string sopClass = QueryRetrieveSopClasses.Find(model);
            var rq = new AssociateRequestPdu { CalledAeTitle = options.CalledAeTitle, CallingAeTitle = options.CallingAeTitle };
            rq.PresentationContexts.Add(new PresentationContextRequestItem(1, sopClass, new[] { DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian }));
            var result = new FindResult();
            using (Association a = await Association.RequestAsync(options.Host, options.Port, rq, options.Association, options.Tls, cancellationToken).ConfigureAwait(false))
            {
                if (!a.Contexts.TryGetValue(1, out PresentationContext pc) || !pc.IsAccepted)
                {
                    await a.AbortAsync("query model not accepted").ConfigureAwait(false);
                    throw new DicomNetworkException(a.Peer, "peer does not support " + (DicomUids.GetName(sopClass) ?? sopClass));
                }
                byte[] encoded = QueryIdentifier.Encode(identifier, pc.TransferSyntax);
                var exchange = new QueryRetrieveExchange(a, pc, 1);
                string peer = a.Peer;
                var (final, _) = await exchange.RunAsync(DimseCommand.FindRequest(1, sopClass), encoded, (cmd, sink) =>
                {
                    if (sink == null || sink.Length == 0) return true;           // a pending response must carry an identifier
                    if (exchange.CancelRequested) return true;                    // matches after our C-CANCEL are dropped
                    DicomDataset match = QueryIdentifier.Decode(sink.Buffer, sink.Length, pc.TransferSyntax, peer);
                    result.Matches++;
                    return onMatch(match);
                }, cancellationToken).ConfigureAwait(false);
                result.Status = final.Status ?? 0xFFFF;
                result.ErrorComment = final.ErrorComment;
                result.Cancelled = exchange.CancelRequested;
                if (!a.IsClosed) await a.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (result.Status != DimseStatus.Success && result.Status != QueryRetrieveStatus.Cancel)
                    throw new DimseFailureException(peer, "C-FIND", result.Status, result.ErrorComment);
                return result;
            }
        }
    }
}
