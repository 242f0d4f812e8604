#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

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
            var fallbacks = new HashSet<string>();
            foreach (var item in probes)
            {
                var pair = (item.Probe.SopClassUid, item.Probe.TransferSyntaxUid);
                bool fallback = CanTranscode(pair.TransferSyntaxUid) && !fallbacks.Contains(pair.SopClassUid);
                int added = (pairs.Contains(pair) ? 0 : 1) + (fallback ? 1 : 0);
                if (added > 0 && pairs.Count + fallbacks.Count + added > MaxContexts)
                {
                    yield return batch;
                    batch = new List<(SendResult, FileMetaInformationProbe)>();
                    pairs.Clear();
                    fallbacks.Clear();
                    fallback = CanTranscode(pair.TransferSyntaxUid);
                }
                pairs.Add(pair);
                if (fallback) fallbacks.Add(pair.SopClassUid);
                batch.Add(item);
            }
            if (batch.Count > 0) yield return batch;
        }

        private static AssociateRequestPdu BuildRequest(ScuOptions options, List<(SendResult Result, FileMetaInformationProbe Probe)> batch)
        {
            var rq = new AssociateRequestPdu { CalledAeTitle = options.CalledAeTitle, CallingAeTitle = options.CallingAeTitle };
            rq.PresentationContexts.AddRange(ProposeContexts(batch.Select(b => (b.Probe.SopClassUid, b.Probe.TransferSyntaxUid))));
            return rq;
        }

        /// <summary>
        /// One context per (SOP class, transfer syntax) the files are in, proposing exactly that syntax (sent as stored), and
        /// per SOP class with uncompressed files one fallback context proposing Explicit VR LE and Implicit VR LE (the one
        /// every SCP must accept), into which a file is re-encoded on the fly when the peer refuses its own syntax. Compressed
        /// (encapsulated) data is never transcoded, so compressed-only SOP classes get no fallback.
        /// </summary>
        internal static List<PresentationContextRequestItem> ProposeContexts(IEnumerable<(string SopClassUid, string TransferSyntaxUid)> files)
        {
            var list = new List<PresentationContextRequestItem>();
            var pairs = files.Distinct().ToList();
            byte id = 1;
            foreach (var pair in pairs)
            {
                list.Add(new PresentationContextRequestItem(id, pair.SopClassUid, new[] { pair.TransferSyntaxUid }));
                id += 2;
            }
            foreach (string sopClass in pairs.Where(p => CanTranscode(p.TransferSyntaxUid)).Select(p => p.SopClassUid).Distinct())
            {
                list.Add(new PresentationContextRequestItem(id, sopClass, new[] { DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian }));
                id += 2;
            }
            return list;
        }

        /// <summary>Native (not encapsulated) data sets: Implicit/Explicit VR LE, Explicit VR BE, Deflated.</summary>
        private static bool CanTranscode(string transferSyntax) => !IO.DicomTransferSyntax.Lookup(transferSyntax).IsEncapsulated;

        /// <summary>What the codec writes on the fly (deflated input is inflated, but output is never deflated).</summary>
        private static bool IsTranscodeTarget(string transferSyntax) =>
            transferSyntax == DicomUids.ExplicitVRLittleEndian || transferSyntax == DicomUids.ImplicitVRLittleEndian || transferSyntax == DicomUids.ExplicitVRBigEndian;

        /// <summary>The accepted context to send a file on: its own syntax if accepted, else an uncompressed one to transcode to.</summary>
        private static PresentationContext? ChooseContext(Association a, FileMetaInformationProbe probe, out string refusal)
        {
            refusal = null;
            var accepted = a.Contexts.Values.Where(c => c.IsAccepted && c.AbstractSyntax == probe.SopClassUid).ToList();
            PresentationContext exact = accepted.FirstOrDefault(c => c.TransferSyntax == probe.TransferSyntaxUid);
            if (exact != null) return exact;
            if (accepted.Count == 0)
                refusal = "peer accepted no presentation context for " + SopClassName(probe.SopClassUid);
            else if (CanTranscode(probe.TransferSyntaxUid))
            {
                PresentationContext fallback = accepted.Where(c => IsTranscodeTarget(c.TransferSyntax))
                    .OrderBy(c => c.TransferSyntax == DicomUids.ExplicitVRLittleEndian ? 0 : c.TransferSyntax == DicomUids.ImplicitVRLittleEndian ? 1 : 2)
                    .FirstOrDefault();
                if (fallback != null) return fallback;
                refusal = "peer accepted neither " + TransferSyntaxName(probe.TransferSyntaxUid) + " nor an uncompressed fallback for " + SopClassName(probe.SopClassUid);
            }
            else
                refusal = "peer refused " + TransferSyntaxName(probe.TransferSyntaxUid) + " for " + SopClassName(probe.SopClassUid) + "; compressed data is not transcoded";
            return null;
        }

        private static string TransferSyntaxName(string uid) => DicomUids.GetName(uid) ?? uid;

        private static string SopClassName(string uid) => DicomUids.GetName(uid) ?? uid;

        private static async Task SendBatchAsync(ScuOptions options, List<(SendResult Result, FileMetaInformationProbe Probe)> batch, SendProgress state, Stopwatch clock, IProgress<SendProgress> progress, CancellationToken cancellationToken)
        {
            AssociateRequestPdu rq = BuildRequest(options, batch);
            Association? a = null;
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
                    PresentationContext? pc = ChooseContext(a, probe, out string refusal);
                    if (pc == null)
                    {
                        result.Error = refusal;
                        Finish(state, result, clock, progress);
                        continue;
                    }
                    Stream source;
                    long length;
                    try
                    {
                        (source, length) = OpenDataSet(probe, pc.TransferSyntax);
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is DicomFormatException || e is NotSupportedException)
                    {
                        result.Error = (pc.TransferSyntax == probe.TransferSyntaxUid ? "cannot read file: " : "cannot transcode to " + TransferSyntaxName(pc.TransferSyntax) + ": ") + e.Message;
                        Finish(state, result, clock, progress);
                        continue;
                    }
                    try
                    {
                        messageId = (ushort)(messageId == ushort.MaxValue ? 1 : messageId + 1);
                        using (source)
                        {
                            result.SentTransferSyntaxUid = pc.TransferSyntax;
                            await a.SendMessageAsync(pc.Id, DimseCommand.StoreRequest(messageId, probe.SopClassUid, probe.SopInstanceUid), source, length, null, cancellationToken).ConfigureAwait(false);
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
                    catch (DataSetSourceException e)
                    {
                        // The file (or its transcoding) failed half way: the association is unusable mid-message, and
                        // aborting it is what makes the peer discard the partial data set.
                        await a.AbortAsync("source data set unreadable").ConfigureAwait(false);
                        a.Dispose();
                        a = null;
                        result.Error = (pc.TransferSyntax == probe.TransferSyntaxUid ? "cannot read file: " : "cannot transcode to " + TransferSyntaxName(pc.TransferSyntax) + ": ") + e.Message;
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

        /// <summary>The data set as stored (length known), or re-encoded in <paramref name="transferSyntax"/> (length -1: until its end).</summary>
        private static (Stream Source, long Length) OpenDataSet(FileMetaInformationProbe probe, string transferSyntax)
        {
            if (transferSyntax == probe.TransferSyntaxUid)
            {
                var fs = new FileStream(probe.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                try
                {
                    fs.Position = probe.DataSetOffset;
                    return (fs, fs.Length - probe.DataSetOffset);
                }
                catch
                {
                    fs.Dispose();
                    throw;
                }
            }
            return (TranscodedDataSet.Open(probe.Path, IO.DicomTransferSyntax.Lookup(transferSyntax)), -1);
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
