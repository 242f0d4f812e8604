using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Storage SCU: sends Part 10 files to a remote AE. The file meta of every file is read first to learn its SOP class,
    /// instance and transfer syntax; one association carries the batch with a presentation context per (SOP class, transfer
    /// syntax) the files need; a peer that releases or aborts mid-batch gets a new association and the batch continues.
    /// Each data set is streamed from the file after its meta group, never loaded whole.
    /// </summary>
    public static class StorageScu
    {
        /// <summary>Presentation context IDs are odd numbers 1..255: at most 128 contexts per association.</summary>
        private const int MaxContexts = 128;

        /// <summary>Sends the files; returns one result per file in input order. Network failures become per-file errors.</summary>
        public static async Task<IReadOnlyList<SendResult>> SendAsync(ScuOptions options, IEnumerable<string> files, IProgress<SendProgress> progress, CancellationToken cancellationToken)
        {
            var results = new List<SendResult>();
            var probes = new List<(SendResult Result, FileMetaInformationProbe Probe)>();
            foreach (string path in files)
            {
                var r = new SendResult { Path = path };
                results.Add(r);
                try
                {
                    FileMetaInformationProbe p = FileMetaInformationProbe.Read(path);
                    r.SopClassUid = p.SopClassUid;
                    r.SopInstanceUid = p.SopInstanceUid;
                    r.TransferSyntaxUid = p.TransferSyntaxUid;
                    r.Length = p.DataSetLength;
                    probes.Add((r, p));
                }
                catch (Exception e) when (e is DicomFormatException || e is IOException || e is UnauthorizedAccessException)
                {
                    r.Error = e.Message;
                }
            }

            var state = new SendProgress { FilesTotal = results.Count, BytesTotal = probes.Sum(p => p.Probe.DataSetLength) };
            var clock = Stopwatch.StartNew();
            foreach (string path in results.Where(r => r.Error != null).Select(r => r.Path))
            {
                state.FilesDone++;
                state.LastResult = results.First(r => r.Path == path);
                progress?.Report(Snapshot(state, clock));
            }

            foreach (var batch in Batches(probes))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await SendBatchAsync(options, batch, state, clock, progress, cancellationToken).ConfigureAwait(false);
            }
            return results;
        }

        private static IEnumerable<List<(SendResult Result, FileMetaInformationProbe Probe)>> Batches(List<(SendResult Result, FileMetaInformationProbe Probe)> probes)
        {
            var batch = new List<(SendResult, FileMetaInformationProbe)>();
            var pairs = new HashSet<(string, string)>();
            foreach (var item in probes)
            {
                var pair = (item.Probe.SopClassUid, item.Probe.TransferSyntaxUid);
                if (!pairs.Contains(pair) && pairs.Count == MaxContexts)
                {
                    yield return batch;
                    batch = new List<(SendResult, FileMetaInformationProbe)>();
                    pairs.Clear();
                }
                pairs.Add(pair);
                batch.Add(item);
            }
            if (batch.Count > 0) yield return batch;
        }

        private static AssociateRequestPdu BuildRequest(ScuOptions options, List<(SendResult Result, FileMetaInformationProbe Probe)> batch)
        {
            var rq = new AssociateRequestPdu { CalledAeTitle = options.CalledAeTitle, CallingAeTitle = options.CallingAeTitle };
            byte id = 1;
            foreach (var pair in batch.Select(b => (b.Probe.SopClassUid, b.Probe.TransferSyntaxUid)).Distinct())
            {
                // Exactly the transfer syntax the file is in: the bytes are sent as stored, so no other one can be used.
                rq.PresentationContexts.Add(new PresentationContextRequestItem(id, pair.SopClassUid, new[] { pair.TransferSyntaxUid }));
                id += 2;
            }
            return rq;
        }

        private static async Task SendBatchAsync(ScuOptions options, List<(SendResult Result, FileMetaInformationProbe Probe)> batch, SendProgress state, Stopwatch clock, IProgress<SendProgress> progress, CancellationToken cancellationToken)
        {
            AssociateRequestPdu rq = BuildRequest(options, batch);
            Association a = null;
            ushort messageId = 0;
            int consecutiveFailures = 0;
            try
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    var (result, probe) = batch[i];
                    if (a == null || a.IsClosed)
                    {
                        a?.Dispose();
                        a = null;
                        try
                        {
                            a = await Association.RequestAsync(options.Host, options.Port, CloneRequest(rq), options.Association, options.Tls, cancellationToken).ConfigureAwait(false);
                        }
                        catch (DicomNetworkException e)
                        {
                            // Cannot associate: every remaining file of the batch fails with the same reason.
                            for (int j = i; j < batch.Count; j++)
                            {
                                batch[j].Result.Error = e.Message;
                                Finish(state, batch[j].Result, clock, progress);
                            }
                            return;
                        }
                    }
                    PresentationContext pc = a.Contexts.Values.FirstOrDefault(c => c.IsAccepted && c.AbstractSyntax == probe.SopClassUid && c.TransferSyntax == probe.TransferSyntaxUid);
                    if (pc == null)
                    {
                        result.Error = "peer accepted no presentation context for this SOP class and transfer syntax";
                        Finish(state, result, clock, progress);
                        continue;
                    }
                    try
                    {
                        messageId = (ushort)(messageId == ushort.MaxValue ? 1 : messageId + 1);
                        using (var fs = new FileStream(probe.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
                        {
                            fs.Position = probe.DataSetOffset;
                            long length = fs.Length - probe.DataSetOffset;
                            await a.SendMessageAsync(pc.Id, DimseCommand.StoreRequest(messageId, probe.SopClassUid, probe.SopInstanceUid), fs, length, null, cancellationToken).ConfigureAwait(false);
                        }
                        DimseMessage rsp = await a.ReceiveMessageAsync((c, x) => null, options.Association.DimseTimeout, cancellationToken).ConfigureAwait(false);
                        if (rsp == null) throw new AssociationAbortedException(a.Peer, "peer released the association before answering");
                        result.Status = rsp.Command.Status;
                        result.ErrorComment = rsp.Command.ErrorComment;
                        result.Success = rsp.Command.Status.HasValue && DimseStatus.IsSuccessOrWarning(rsp.Command.Status.Value);
                        if (!result.Success) result.Error = DimseStatus.Describe(rsp.Command.Status ?? 0xFFFF);
                        result.Error = result.Success ? null : result.Error;
                        consecutiveFailures = 0;
                        Finish(state, result, clock, progress);
                    }
                    catch (AssociationAbortedException e)
                    {
                        a.Dispose();
                        a = null;
                        if (++consecutiveFailures <= 2) { i--; continue; }      // reopen and retry this file
                        result.Error = e.Message;
                        consecutiveFailures = 0;
                        Finish(state, result, clock, progress);
                    }
                    catch (IOException e)
                    {
                        // The file itself could not be read: the association is unusable mid-message.
                        await a.AbortAsync("source file unreadable").ConfigureAwait(false);
                        a.Dispose();
                        a = null;
                        result.Error = "cannot read file: " + e.Message;
                        Finish(state, result, clock, progress);
                    }
                }
                if (a != null && !a.IsClosed) await a.ReleaseAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                if (a != null) await a.AbortAsync("cancelled").ConfigureAwait(false);
                throw;
            }
            finally
            {
                a?.Dispose();
            }
        }

        private static AssociateRequestPdu CloneRequest(AssociateRequestPdu rq)
        {
            var copy = new AssociateRequestPdu { CalledAeTitle = rq.CalledAeTitle, CallingAeTitle = rq.CallingAeTitle };
            copy.PresentationContexts.AddRange(rq.PresentationContexts);
            return copy;
        }

        private static void Finish(SendProgress state, SendResult result, Stopwatch clock, IProgress<SendProgress> progress)
        {
            state.FilesDone++;
            if (result.Success) state.BytesDone += result.Length;
            state.LastResult = result;
            progress?.Report(Snapshot(state, clock));
        }

        private static SendProgress Snapshot(SendProgress s, Stopwatch clock) => new SendProgress
        {
            FilesDone = s.FilesDone,
            FilesTotal = s.FilesTotal,
            BytesDone = s.BytesDone,
            BytesTotal = s.BytesTotal,
            Elapsed = clock.Elapsed,
            LastResult = s.LastResult,
        };
    }
}
