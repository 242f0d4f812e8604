using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Network;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Network;

namespace HamletPS.Core.Retrieve
{
    /// <summary>
    /// The retrieve workflow of Copy-DicomStudy and <c>hamlet retrieve</c>. First an IMAGE-level C-FIND lists the instances of
    /// the study (series, instance); those already in the destination as <c>&lt;SOPInstanceUID&gt;.dcm</c> are not fetched again.
    /// What is missing is fetched with C-GET (one association, our side stores the sub-operations exactly as the receiver
    /// does: temporary name, flush, rename) or C-MOVE (to our own receiver started for the move, or to a running one) — the
    /// whole study or series when nothing of it is present, else the missing instances by UID list. A retrieve interrupted
    /// halfway leaves only complete files, so running it again fetches only the rest.
    /// </summary>
    public static class DicomRetriever
    {
        /// <summary>UIDs per IMAGE-level request when only part of a series is missing.</summary>
        internal const int UidsPerRequest = 200;

        public static async Task<DicomRetrieveSummary> RetrieveAsync(DicomPeer peer, DicomRetrieveRequest request, IProgress<DicomRetrieveProgress> progress,
            Action<ReceivedDicomFile> onFile, Action<DicomRetrieveFailure> onFailure, CancellationToken cancellationToken)
        {
            if (peer == null) throw new ArgumentNullException(nameof(peer));
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(request.Destination)) throw new ArgumentException("A destination folder is required.");
            if (string.IsNullOrWhiteSpace(request.StudyInstanceUID)) throw new ArgumentException("StudyInstanceUID is required.");
            if (request.Level == DicomQueryLevel.Patient) throw new ArgumentException("Retrieve a study, series or instance; find a patient's studies first.");
            if (request.Level != DicomQueryLevel.Study && string.IsNullOrWhiteSpace(request.SeriesInstanceUID)) throw new ArgumentException("SeriesInstanceUID is required below the study level.");
            if (request.Level == DicomQueryLevel.Image && string.IsNullOrWhiteSpace(request.SOPInstanceUID)) throw new ArgumentException("SOPInstanceUID is required at the image level.");
            string destination = Path.GetFullPath(request.Destination);
            Directory.CreateDirectory(destination);
            ScuOptions options = peer.ToScuOptions();
            options.Association.DimseTimeout = TimeSpan.FromSeconds(Math.Max(peer.TimeoutSeconds, 60));
            DicomTlsSettings receiverTls = request.UseMove && request.ReceiverPort.HasValue ? MoveReceiverTls(peer) : null;

            var summary = new DicomRetrieveSummary
            {
                Level = QueryRetrieveSopClasses.LevelText(DicomFinder.ToLevel(request.Level)),
                StudyInstanceUID = request.StudyInstanceUID.Trim(),
                SeriesInstanceUID = request.SeriesInstanceUID?.Trim(),
                Method = request.UseMove ? "C-MOVE" : "C-GET",
                Peer = peer.ToString(),
                Destination = destination,
            };

            // 1. What the PACS holds for the request.
            var instances = new List<(string Series, string Sop)>();
            var listing = new DicomQuery
            {
                Level = DicomQueryLevel.Image,
                StudyInstanceUID = summary.StudyInstanceUID,
                SeriesInstanceUID = summary.SeriesInstanceUID,
            };
            await DicomFinder.FindAsync(peer, listing, r =>
            {
                if (r.SOPInstanceUID != null && (request.Level != DicomQueryLevel.Image || r.SOPInstanceUID == request.SOPInstanceUID.Trim()))
                    instances.Add((r.SeriesInstanceUID ?? summary.SeriesInstanceUID, r.SOPInstanceUID));
                return true;
            }, cancellationToken).ConfigureAwait(false);
            instances = instances.Distinct().ToList();
            summary.Instances = instances.Count;
            if (instances.Count == 0)
            {
                summary.Failed++;
                onFailure?.Invoke(new DicomRetrieveFailure
                {
                    Reason = "DicomInstanceNotFound",
                    Message = "the PACS " + peer + " lists no instance for " + summary.Level.ToLowerInvariant() + " " + (request.SOPInstanceUID ?? summary.SeriesInstanceUID ?? summary.StudyInstanceUID),
                });
                return summary;
            }

            // 2. What is already here.
            var missing = request.Force ? instances : instances.Where(i => !File.Exists(Path.Combine(destination, i.Sop + ".dcm"))).ToList();
            summary.AlreadyPresent = instances.Count - missing.Count;
            var state = new DicomRetrieveProgress { StudyInstanceUID = summary.StudyInstanceUID, Total = instances.Count, AlreadyPresent = summary.AlreadyPresent };
            progress?.Report(Copy(state));
            if (missing.Count == 0) return summary;

            // 3. The requests: the whole thing when nothing is here, else per series, by UID list where a series is partly here.
            var operations = new List<DicomDataset>();
            if (missing.Count == instances.Count && request.Level != DicomQueryLevel.Image)
                operations.Add(Identifier(request.Level, summary.StudyInstanceUID, summary.SeriesInstanceUID, null));
            else
            {
                foreach (var series in missing.GroupBy(m => m.Series))
                {
                    int inSeries = instances.Count(i => i.Series == series.Key);
                    if (series.Count() == inSeries && request.Level != DicomQueryLevel.Image && series.Key != null)
                        operations.Add(Identifier(DicomQueryLevel.Series, summary.StudyInstanceUID, series.Key, null));
                    else
                        foreach (var chunk in series.Select(s => s.Sop).Select((s, n) => (s, n)).GroupBy(x => x.n / UidsPerRequest))
                            operations.Add(Identifier(DicomQueryLevel.Image, summary.StudyInstanceUID, series.Key, chunk.Select(x => x.s).ToArray()));
                }
            }

            // 4. Fetch.
            var expected = new HashSet<string>(missing.Select(m => m.Sop), StringComparer.Ordinal);
            var arrived = new HashSet<string>(StringComparer.Ordinal);
            var failedReported = new HashSet<string>(StringComparer.Ordinal);
            object gate = new object();
            void Arrived(ReceivedDicomFile f)
            {
                lock (gate)
                {
                    if (!arrived.Add(f.SOPInstanceUID)) return;
                    summary.Retrieved++;
                }
                onFile?.Invoke(f);
            }
            void Failed(string sop, string reason, string message)
            {
                lock (gate)
                {
                    if (sop != null && !failedReported.Add(sop)) return;
                    summary.Failed++;
                }
                onFailure?.Invoke(new DicomRetrieveFailure { SOPInstanceUID = sop, Reason = reason, Message = message });
            }

            DicomReceiver receiver = null;
            CancellationTokenSource receiverStop = null;
            Task receiverRun = null;
            string destinationAe = (request.MoveDestination ?? peer.CallingAETitle).Trim();
            if (request.UseMove && request.ReceiverPort.HasValue)
            {
                receiver = new DicomReceiver(new DicomReceiverOptions { Folder = destination, Port = request.ReceiverPort.Value, AETitle = destinationAe, Tls = receiverTls });
                receiver.Start();
                receiverStop = new CancellationTokenSource();
                receiverRun = receiver.RunAsync(new CallbackProgress<ReceivedDicomFile>(f => { if (expected.Contains(f.SOPInstanceUID)) Arrived(f); }), receiverStop.Token);
            }
            int doneBefore = 0, failedBefore = 0, warningBefore = 0;
            try
            {
                foreach (DicomDataset identifier in operations)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var relay = new CallbackProgress<RetrieveProgress>(p =>
                    {
                        if (p.File != null)
                        {
                            if (p.File.Stored) Arrived(ToReceived(p.File));
                            else Failed(p.File.SopInstanceUid, "DicomStoreRefused", "instance " + p.File.SopInstanceUid + " not stored: " + DimseStatus.Describe(p.File.Status) + (string.IsNullOrEmpty(p.File.ErrorComment) ? string.Empty : " (" + p.File.ErrorComment + ")"));
                            return;
                        }
                        state.Completed = doneBefore + p.Completed;
                        state.Failed = failedBefore + p.Failed;
                        state.Warning = warningBefore + p.Warning;
                        state.Remaining = p.Remaining;
                        progress?.Report(Copy(state));
                    });
                    RetrieveResult result;
                    try
                    {
                        result = request.UseMove
                            ? await RetrieveScu.MoveAsync(options, QueryRetrieveModel.StudyRoot, identifier, destinationAe, relay, cancellationToken).ConfigureAwait(false)
                            : await RetrieveScu.GetAsync(options, QueryRetrieveModel.StudyRoot, identifier, new RetrieveStorageOptions { Folder = destination, SopClasses = new List<string>(TrialStorageClasses.Radiotherapy) }, relay, cancellationToken).ConfigureAwait(false);
                    }
                    catch (DimseFailureException e) when (e.Status == QueryRetrieveStatus.MoveDestinationUnknown)
                    {
                        string address = LocalAddresses.IPv4().FirstOrDefault();
                        throw new MoveDestinationUnknownException(peer.ToString(), destinationAe, address, request.ReceiverPort ?? Configuration.DicomNodeSettings.DefaultPort, e);
                    }
                    doneBefore += result.Completed;
                    failedBefore += result.Failed;
                    warningBefore += result.Warning;
                    foreach (string sop in result.FailedSopInstanceUids)
                        Failed(sop, "DicomSubOperationFailed", "the PACS reports the sub-operation for instance " + sop + " failed");
                }
            }
            finally
            {
                if (receiver != null)
                {
                    receiverStop.Cancel();
                    try { await receiverRun.ConfigureAwait(false); } catch (OperationCanceledException) { }
                    receiver.Dispose();
                    receiverStop.Dispose();
                }
            }

            // 5. Moved to a receiver we do not run: the files it wrote tell what arrived. Anything still missing is a failure.
            foreach (string sop in missing.Select(m => m.Sop))
            {
                if (arrived.Contains(sop)) continue;
                string path = Path.Combine(destination, sop + ".dcm");
                if (request.UseMove && !request.ReceiverPort.HasValue && File.Exists(path))
                {
                    var info = new FileInfo(path);
                    Arrived(new ReceivedDicomFile { CallingAE = peer.CalledAETitle, SOPInstanceUID = sop, Length = info.Length, Path = path, ReceivedAt = info.LastWriteTime });
                }
                else if (!failedReported.Contains(sop))
                    Failed(sop, "DicomInstanceNotReceived", "instance " + sop + " was listed by the PACS but did not arrive");
            }
            return summary;
        }

        /// <summary>
        /// The TLS of the receiver a C-MOVE goes to when we run it: when the query association uses TLS, the receiver serves our
        /// certificate and demands the PACS's (trusted like the PACS's server certificate), so the instances never travel in
        /// clear when TLS was asked for; a PACS sending without TLS is refused. TLS without a certificate of ours cannot serve
        /// a receiver: an <see cref="ArgumentException"/> before anything is sent. Without TLS: a plain receiver (null).
        /// </summary>
        internal static DicomTlsSettings MoveReceiverTls(DicomPeer peer)
        {
            DicomTlsSettings tls = peer.Tls;
            if (tls == null || !tls.IsClientEnabled) return null;
            if (!tls.IsServerEnabled)
                throw new ArgumentException("A C-MOVE over DICOM TLS to a receiver started for it needs our certificate (CertificatePath): the receiver must serve TLS too, or the instances would arrive in clear.");
            return tls.ForReceiver(requireClientCertificate: true);
        }

        private static DicomDataset Identifier(DicomQueryLevel level, string study, string series, string[] sops)
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.QueryRetrieveLevel, QueryRetrieveSopClasses.LevelText(DicomFinder.ToLevel(level)));
            ds.AddOrUpdate(DicomTags.StudyInstanceUID, study);
            if (level != DicomQueryLevel.Study) ds.AddOrUpdate(DicomTags.SeriesInstanceUID, series ?? string.Empty);
            if (level == DicomQueryLevel.Image) ds.AddOrUpdate(DicomTags.SOPInstanceUID, sops);
            return ds;
        }

        private static ReceivedDicomFile ToReceived(ReceivedFile file) => new ReceivedDicomFile
        {
            CallingAE = file.CallingAeTitle,
            SOPClassUID = file.SopClassUid,
            SOPClassName = DicomReceiver.SopClassName(file.SopClassUid),
            SOPInstanceUID = file.SopInstanceUid,
            Length = file.Length,
            Path = file.Path,
            ReceivedAt = file.ReceivedAt,
        };

        private static DicomRetrieveProgress Copy(DicomRetrieveProgress s) => new DicomRetrieveProgress
        {
            StudyInstanceUID = s.StudyInstanceUID,
            Total = s.Total,
            AlreadyPresent = s.AlreadyPresent,
            Completed = s.Completed,
            Failed = s.Failed,
            Warning = s.Warning,
            Remaining = s.Remaining,
        };
    }
}
