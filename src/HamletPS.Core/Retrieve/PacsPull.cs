using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Configuration;
using HamletPS.Core.Identity;
using HamletPS.Core.Network;

namespace HamletPS.Core.Retrieve
{
    /// <summary>
    /// The pull step of `hamlet process` (the PACS section of config.yaml): for every key of the lookup table (MRN, or accession
    /// number for a coupling list) it finds the studies of the last SINCE days with the MODALITIES wanted and copies what is not
    /// yet in INCOMING, with C-GET or a C-MOVE to DICOMNODE.AET. Messages name counts and UIDs, never a key.
    /// </summary>
    public static class PacsPull
    {
        /// <summary>
        /// The pull step as Invoke-HamletPipeline and `hamlet process` run it before sorting, when the PACS section is configured:
        /// the lookup table's patients' recent studies into INCOMING. Steps are reported as "Pull: …" lines (counts and UIDs,
        /// never a key). A PACS that cannot be reached, a refused query or an unreadable lookup table is reported through
        /// <paramref name="onFailure"/> (error id, message) and processing goes on with what INCOMING holds, as does each
        /// instance that could not be retrieved; returns the counts, or null when the pull failed as a whole. A cancellation
        /// propagates (<see cref="OperationCanceledException"/>): the next run fetches the rest.
        /// </summary>
        public static PacsPullSummary RunStep(HamletConfig config, IProgress<string> steps, Action<string, string> onFailure, CancellationToken cancellationToken)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            if (onFailure == null) throw new ArgumentNullException(nameof(onFailure));
            try
            {
                HamletSettings h = config.Hamlet;
                StudyIdLookup lookup = StudyIdLookup.Load(h.MappingFile, new StudyIdLookupOptions { KeyKind = h.LookupKey, StudyIdPattern = h.StudyIdPattern });
                steps?.Report("Pull: querying " + config.Pacs + " for " + lookup.Count + " patients of the lookup table");
                PacsPullSummary s = PullAsync(config, lookup, line => steps?.Report("Pull: " + line), f => onFailure(f.Reason, f.Message), cancellationToken)
                    .GetAwaiter().GetResult();
                steps?.Report("Pull: " + s.Studies + " studies, " + s.Retrieved + " instances retrieved, " + s.AlreadyPresent + " already present, " + s.Failed + " failed");
                return s;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) &&
                                       (QueryRetrieveError.Classify(ex) != null || ex is ArgumentException || FileFailure.Classify(null, ex) != null))
            {
                onFailure(QueryRetrieveError.Classify(ex) ?? ErrorIds.PacsPullFailed, "Pull: " + ex.Message + " (processing goes on with what INCOMING holds)");
                return null;
            }
        }

        /// <summary>
        /// The PACS of <paramref name="config"/> as a peer: its address, DICOMNODE.AET as our AE title, and its TLS keys (the
        /// CERTIFICATEPASSWORDFILE read here; a missing one is a <see cref="FileNotFoundException"/> naming the file, never a value).
        /// </summary>
        public static DicomPeer Peer(HamletConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            PacsSettings pacs = config.Pacs;
            DicomTlsSettings tls = pacs.Tls;
            var copy = new DicomTlsSettings
            {
                Enabled = tls.Enabled,
                CertificatePath = tls.CertificatePath,
                KeyPath = tls.KeyPath,
                TrustedCertificatePaths = new List<string>(tls.TrustedCertificatePaths ?? new List<string>()),
            };
            if (!string.IsNullOrEmpty(pacs.CertificatePasswordFile))
            {
                if (!File.Exists(pacs.CertificatePasswordFile))
                    throw new FileNotFoundException("The PACS.CERTIFICATEPASSWORDFILE does not exist: " + pacs.CertificatePasswordFile, pacs.CertificatePasswordFile);
                using (var reader = new StreamReader(pacs.CertificatePasswordFile)) copy.CertificatePassword = reader.ReadLine() ?? string.Empty;
            }
            return new DicomPeer
            {
                ComputerName = pacs.Host,
                Port = pacs.Port,
                CalledAETitle = pacs.AeTitle,
                CallingAETitle = config.DicomNode.AeTitle,
                Tls = copy,
            };
        }

        public static async Task<PacsPullSummary> PullAsync(HamletConfig config, StudyIdLookup lookup, Action<string> log, Action<DicomRetrieveFailure> onFailure, CancellationToken cancellationToken)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            if (lookup == null) throw new ArgumentNullException(nameof(lookup));
            PacsSettings pacs = config.Pacs;
            if (!pacs.IsConfigured) throw new ArgumentException("The PACS section needs HOST and AET.");
            if (string.IsNullOrEmpty(config.DataPath.Incoming)) throw new ArgumentException("DATAPATH.INCOMING is required for the PACS pull.");
            DicomPeer peer = Peer(config);
            bool move = string.Equals(pacs.Method, "MOVE", StringComparison.OrdinalIgnoreCase);
            var summary = new PacsPullSummary();
            foreach (string key in lookup.Keys.ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var query = new DicomQuery
                {
                    Level = DicomQueryLevel.Study,
                    StudyDate = DicomQuery.Since(DateTime.Today.AddDays(-pacs.SinceDays)),
                    Modality = new List<string>(pacs.Modalities),
                };
                if (lookup.KeyKind == LookupKeyKind.AccessionNumber) query.AccessionNumber = key;
                else query.PatientID = key;
                var studies = new List<string>();
                await DicomFinder.FindAsync(peer, query, r => { if (r.StudyInstanceUID != null) studies.Add(r.StudyInstanceUID); return true; }, cancellationToken).ConfigureAwait(false);
                summary.Patients++;
                foreach (string study in studies.Distinct())
                {
                    DicomRetrieveSummary s = await DicomRetriever.RetrieveAsync(peer, new DicomRetrieveRequest
                    {
                        StudyInstanceUID = study,
                        Destination = config.DataPath.Incoming,
                        UseMove = move,
                    }, null, null, onFailure, cancellationToken).ConfigureAwait(false);
                    summary.Studies++;
                    summary.AlreadyPresent += s.AlreadyPresent;
                    summary.Retrieved += s.Retrieved;
                    summary.Failed += s.Failed;
                    log?.Invoke(s.Method + " study " + study + ": " + s.Instances + " instances, " + s.AlreadyPresent + " already present, " + s.Retrieved + " retrieved, " + s.Failed + " failed");
                }
            }
            return summary;
        }
    }
}
