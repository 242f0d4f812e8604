#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Retrieve SCU (PS3.4 C.4.2 C-MOVE, C.4.3 C-GET). <see cref="GetAsync"/> keeps everything on one association: it proposes
    /// the storage SOP classes with SCP/SCU Role Selection (we take the SCP role, PS3.7 D.3.3.4), and every C-STORE
    /// sub-operation is written exactly as the storage SCP writes it (<c>.*.partial</c>, flushed, renamed to
    /// <c>&lt;SOPInstanceUID&gt;.dcm</c>) before it is answered. <see cref="MoveAsync"/> asks the peer to send to a destination AE
    /// (a storage SCP the caller runs). Both report the peer's sub-operation counts as they arrive; success and the warning
    /// B000 (some sub-operations failed) and cancel return a <see cref="RetrieveResult"/>, any other status throws a
    /// <see cref="DimseFailureException"/>.
    /// </summary>
    public static class RetrieveScu
    {
        public static async Task<RetrieveResult> GetAsync(ScuOptions options, QueryRetrieveModel model, DicomDataset identifier, RetrieveStorageOptions storage, IProgress<RetrieveProgress> progress, CancellationToken cancellationToken)
        {
            if (storage == null || string.IsNullOrEmpty(storage.Folder)) throw new ArgumentException("a target folder is required", nameof(storage));
            if (storage.SopClasses == null || storage.SopClasses.Count == 0) throw new ArgumentException("the storage SOP classes to offer are required", nameof(storage));
            string sopClass = QueryRetrieveSopClasses.Get(model);
            AssociateRequestPdu rq = Request(options, sopClass);
            byte id = 3;
            foreach (string storageClass in storage.SopClasses.Distinct())
            {
                if (id > 253) break;
                rq.PresentationContexts.Add(new PresentationContextRequestItem(id, storageClass, TransferSyntaxPreference.Uncompressed.ToArray()));
                id += 2;
                if (id > 253) break;
                rq.PresentationContexts.Add(new PresentationContextRequestItem(id, storageClass, TransferSyntaxPreference.Compressed.ToArray()));
                id += 2;
                rq.UserInformation.RoleSelections.Add(new RoleSelectionSubItem(storageClass, false, true));
            }
            storage.FileSystem.CreateDirectory(storage.Folder);
            var counts = new RetrieveProgress();
            int stored = 0;
            return await RunAsync(options, rq, sopClass, identifier, DimseCommand.GetRequest(1, sopClass), "C-GET", counts, progress, exchange =>
            {
                ReceivedFileWriter? writer = null;
                exchange.StoreSink = (cmd, ctx) =>
                {
                    writer = new ReceivedFileWriter(storage.FileSystem, storage.Folder, storage.DuplicatePolicy, storage.DurableWrites, storage.CheckDataSets, cmd, ctx, options.CalledAeTitle);
                    return writer;
                };
                exchange.StoreCompleted = message =>
                {
                    ReceivedFileWriter? w = writer;
                    writer = null;
                    ushort status = w.Complete();
                    var file = new ReceivedFile
                    {
                        CallingAeTitle = options.CalledAeTitle,
                        CalledAeTitle = options.CallingAeTitle,
                        PeerAddress = options.Host + ":" + options.Port,
                        SopClassUid = w.SopClassUid,
                        SopInstanceUid = w.SopInstanceUid,
                        TransferSyntaxUid = w.TransferSyntaxUid,
                        Path = w.FinalPath,
                        Length = w.FinalPath != null ? w.Length : 0,
                        Status = status,
                        Stored = w.FinalPath != null && status == DimseStatus.Success,
                        ErrorComment = w.ErrorComment,
                        ReceivedAt = DateTimeOffset.Now,
                    };
                    if (file.Stored) stored++;
                    progress?.Report(new RetrieveProgress { Remaining = counts.Remaining, Completed = counts.Completed, Failed = counts.Failed, Warning = counts.Warning, File = file });
                    return (status, w.ErrorComment);
                };
                return () => writer?.Discard();
            }, r => r.FilesStored = stored, cancellationToken).ConfigureAwait(false);
        }

        public static async Task<RetrieveResult> MoveAsync(ScuOptions options, QueryRetrieveModel model, DicomDataset identifier, string destinationAeTitle, IProgress<RetrieveProgress> progress, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(destinationAeTitle) || destinationAeTitle.Trim().Length > 16) throw new ArgumentException("the move destination must be an AE title of 1 to 16 characters", nameof(destinationAeTitle));
            string sopClass = QueryRetrieveSopClasses.Move(model);
            AssociateRequestPdu rq = Request(options, sopClass);
            return await RunAsync(options, rq, sopClass, identifier, DimseCommand.MoveRequest(1, sopClass, destinationAeTitle.Trim()), "C-MOVE", new RetrieveProgress(), progress, _ => null, _ => { }, cancellationToken).ConfigureAwait(false);
        }

        private static AssociateRequestPdu Request(ScuOptions options, string sopClass)
        {
            var rq = new AssociateRequestPdu { CalledAeTitle = options.CalledAeTitle, CallingAeTitle = options.CallingAeTitle };
            rq.PresentationContexts.Add(new PresentationContextRequestItem(1, sopClass, new[] { DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian }));
            return rq;
        }

        private static async Task<RetrieveResult> RunAsync(ScuOptions options, AssociateRequestPdu rq, string sopClass, DicomDataset identifier, DimseCommand request, string operation,
            RetrieveProgress counts, IProgress<RetrieveProgress> progress, Func<QueryRetrieveExchange, Action> configure, Action<RetrieveResult> finish, CancellationToken cancellationToken)
        {
            using (Association a = await Association.RequestAsync(options.Host, options.Port, rq, options.Association, options.Tls, cancellationToken).ConfigureAwait(false))
            {
                if (!a.Contexts.TryGetValue(1, out PresentationContext pc) || !pc.IsAccepted)
                {
                    await a.AbortAsync("retrieve model not accepted").ConfigureAwait(false);
                    throw new DicomNetworkException(a.Peer, "peer does not support " + (DicomUids.GetName(sopClass) ?? sopClass));
                }
                string peer = a.Peer;
                var exchange = new QueryRetrieveExchange(a, pc, 1);
                Action cleanup = configure(exchange);
                try
                {
                    var (final, sink) = await exchange.RunAsync(request, QueryIdentifier.Encode(identifier, pc.TransferSyntax), (cmd, _) =>
                    {
                        Update(counts, cmd);
                        progress?.Report(new RetrieveProgress { Remaining = counts.Remaining, Completed = counts.Completed, Failed = counts.Failed, Warning = counts.Warning });
                        return true;
                    }, cancellationToken).ConfigureAwait(false);
                    Update(counts, final);
                    var result = new RetrieveResult
                    {
                        Status = final.Status ?? 0xFFFF,
                        ErrorComment = final.ErrorComment,
                        Completed = counts.Completed,
                        Failed = counts.Failed,
                        Warning = counts.Warning,
                        Remaining = counts.Remaining ?? 0,
                        Cancelled = exchange.CancelRequested,
                    };
                    if (sink != null && sink.Length > 0)
                    {
                        try
                        {
                            DicomDataset ds = QueryIdentifier.Decode(sink.Buffer, sink.Length, pc.TransferSyntax, peer);
                            foreach (string uid in ds.GetStrings(DicomTags.FailedSOPInstanceUIDList)) if (uid.Length > 0) result.FailedSopInstanceUids.Add(uid);
                        }
                        catch (DicomFormatException)
                        {
                            // The list is informative only; the counts already tell that something failed.
                        }
                    }
                    finish(result);
                    if (!a.IsClosed) await a.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    ushort st = result.Status;
                    bool acceptable = st == DimseStatus.Success || st == QueryRetrieveStatus.Cancel || (st & 0xF000) == 0xB000;
                    if (!acceptable) throw new DimseFailureException(peer, operation, st, result.ErrorComment);
                    return result;
                }
                finally
                {
                    cleanup?.Invoke();
                }
            }
        }

        private static void Update(RetrieveProgress counts, DimseCommand cmd)
        {
            if (cmd.RemainingSubOperations.HasValue) counts.Remaining = cmd.RemainingSubOperations.Value;
            if (cmd.CompletedSubOperations.HasValue) counts.Completed = cmd.CompletedSubOperations.Value;
            if (cmd.FailedSubOperations.HasValue) counts.Failed = cmd.FailedSubOperations.Value;
            if (cmd.WarningSubOperations.HasValue) counts.Warning = cmd.WarningSubOperations.Value;
        }
    }
}
