using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Network;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Network;
using HamletPS.Dicom.Text;

namespace HamletPS.Core.Retrieve
{
    /// <summary>
    /// The query workflow of Find-DicomStudy and <c>hamlet find</c>: builds the C-FIND identifier from a <see cref="DicomQuery"/>,
    /// streams every match to the caller as it arrives (one object at a time: memory stays flat whatever the count) and follows
    /// the hierarchical model: a SERIES or IMAGE query without the study's UID first finds the studies, then queries below each.
    /// Cancellation sends C-CANCEL and releases the association (see <see cref="FindScu"/>). Never logs a returned value.
    /// </summary>
    public static class DicomFinder
    {
        /// <summary>Runs the query; <paramref name="onResult"/> gets each match and returns false to stop early. Returns the number delivered.</summary>
        public static async Task<int> FindAsync(DicomPeer peer, DicomQuery query, Func<DicomQueryResult, bool> onResult, CancellationToken cancellationToken)
        {
            if (peer == null) throw new ArgumentNullException(nameof(peer));
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (onResult == null) throw new ArgumentNullException(nameof(onResult));
            if (query.Level == DicomQueryLevel.Patient && !query.PatientRoot) query = WithPatientRoot(query);
            ScuOptions options = peer.ToScuOptions();
            options.Association.DimseTimeout = TimeSpan.FromSeconds(Math.Max(peer.TimeoutSeconds, 30));
            var ctx = new Context(peer, options, onResult);
            await RunAsync(ctx, query, cancellationToken).ConfigureAwait(false);
            return ctx.Delivered;
        }

        private static DicomQuery WithPatientRoot(DicomQuery q)
        {
            DicomQuery c = q.Clone();
            c.PatientRoot = true;
            return c;
        }

        private sealed class Context
        {
            public Context(DicomPeer peer, ScuOptions options, Func<DicomQueryResult, bool> onResult)
            {
                Peer = peer;
                Options = options;
                OnResult = onResult;
            }

            public DicomPeer Peer { get; }
            public ScuOptions Options { get; }
            public Func<DicomQueryResult, bool> OnResult { get; }
            public int Delivered { get; set; }
            public bool Stopped { get; set; }
        }

        /// <returns>false when the caller stopped.</returns>
        private static async Task RunAsync(Context ctx, DicomQuery query, CancellationToken cancellationToken)
        {
            bool below = query.Level == DicomQueryLevel.Series || query.Level == DicomQueryLevel.Image;
            if (below && string.IsNullOrEmpty(query.StudyInstanceUID))
            {
                // Hierarchical model: find the studies first, then query each one.
                var studies = new List<string>();
                DicomQuery studyQuery = query.Clone();
                studyQuery.Level = DicomQueryLevel.Study;
                studyQuery.ReturnKeys = new List<string>();
                await QueryAsync(ctx, studyQuery, r => { studies.Add(r.StudyInstanceUID); return true; }, cancellationToken).ConfigureAwait(false);
                foreach (string study in studies.Where(s => !string.IsNullOrEmpty(s)).Distinct())
                {
                    if (ctx.Stopped) return;
                    DicomQuery inner = query.Clone();
                    inner.StudyInstanceUID = study;
                    inner.PatientID = inner.PatientName = inner.AccessionNumber = inner.StudyDate = inner.StudyDescription = null;
                    await RunAsync(ctx, inner, cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            if (query.Level == DicomQueryLevel.Image && string.IsNullOrEmpty(query.SeriesInstanceUID))
            {
                var series = new List<string>();
                DicomQuery seriesQuery = query.Clone();
                seriesQuery.Level = DicomQueryLevel.Series;
                seriesQuery.ReturnKeys = new List<string>();
                await QueryAsync(ctx, seriesQuery, r => { series.Add(r.SeriesInstanceUID); return true; }, cancellationToken).ConfigureAwait(false);
                foreach (string s in series.Where(s => !string.IsNullOrEmpty(s)).Distinct())
                {
                    if (ctx.Stopped) return;
                    DicomQuery inner = query.Clone();
                    inner.SeriesInstanceUID = s;
                    inner.Modality = new List<string>();
                    await QueryAsync(ctx, inner, r => Deliver(ctx, r), cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            await QueryAsync(ctx, query, r => Deliver(ctx, r), cancellationToken).ConfigureAwait(false);
        }

        private static bool Deliver(Context ctx, DicomQueryResult r)
        {
            ctx.Delivered++;
            if (ctx.OnResult(r)) return true;
            ctx.Stopped = true;
            return false;
        }

        /// <summary>One C-FIND; matches that fail the client-side modality check are dropped.</summary>
        private static async Task QueryAsync(Context ctx, DicomQuery query, Func<DicomQueryResult, bool> onResult, CancellationToken cancellationToken)
        {
            DicomDataset identifier = BuildIdentifier(query, out List<(string Keyword, DicomTag Tag)> extra);
            var modalities = new HashSet<string>((query.Modality ?? new List<string>()).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim().ToUpperInvariant()), StringComparer.Ordinal);
            QueryRetrieveModel model = query.PatientRoot ? QueryRetrieveModel.PatientRoot : QueryRetrieveModel.StudyRoot;
            await FindScu.FindAsync(ctx.Options, model, identifier, ds =>
            {
                DicomQueryResult r = ToResult(ds, query.Level, extra, ctx.Peer);
                if (modalities.Count > 0 && !MatchesModality(r, query.Level, modalities)) return true;
                return onResult(r);
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A PACS that ignores the modality key (or returns no Modalities in Study) is filtered here.</summary>
        private static bool MatchesModality(DicomQueryResult r, DicomQueryLevel level, HashSet<string> modalities)
        {
            string value = level == DicomQueryLevel.Study ? r.ModalitiesInStudy : level == DicomQueryLevel.Patient ? null : r.Modality;
            if (level == DicomQueryLevel.Image || level == DicomQueryLevel.Patient) return true;
            if (string.IsNullOrEmpty(value)) return level == DicomQueryLevel.Study;
            return value.Split('\\').Any(v => modalities.Contains(v.Trim().ToUpperInvariant()));
        }

        internal static DicomDataset BuildIdentifier(DicomQuery q, out List<(string Keyword, DicomTag Tag)> extra)
        {
            QueryRetrieveSopClasses.CheckLevel(q.PatientRoot ? QueryRetrieveModel.PatientRoot : QueryRetrieveModel.StudyRoot, ToLevel(q.Level));
            var ds = new DicomDataset();
            string charset = q.CharacterSet ?? ChooseCharacterSet(q);
            if (!string.IsNullOrEmpty(charset)) ds.AddOrUpdate(DicomTags.SpecificCharacterSet, charset);
            ds.AddOrUpdate(DicomTags.QueryRetrieveLevel, QueryRetrieveSopClasses.LevelText(ToLevel(q.Level)));
            List<string> modalities = (q.Modality ?? new List<string>()).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim().ToUpperInvariant()).ToList();
            switch (q.Level)
            {
                case DicomQueryLevel.Patient:
                    Key(ds, DicomTags.PatientName, q.PatientName);
                    Key(ds, DicomTags.PatientID, q.PatientID);
                    Key(ds, DicomTags.PatientBirthDate, null);
                    break;
                case DicomQueryLevel.Study:
                    Key(ds, DicomTags.PatientName, q.PatientName);
                    Key(ds, DicomTags.PatientID, q.PatientID);
                    Key(ds, DicomTags.PatientBirthDate, null);
                    Key(ds, DicomTags.StudyInstanceUID, q.StudyInstanceUID);
                    Key(ds, DicomTags.StudyDate, q.StudyDate);
                    Key(ds, DicomTags.StudyTime, null);
                    Key(ds, DicomTags.AccessionNumber, q.AccessionNumber);
                    Key(ds, DicomTags.StudyDescription, q.StudyDescription);
                    Key(ds, DicomTags.ModalitiesInStudy, modalities.Count == 1 ? modalities[0] : null);
                    Key(ds, DicomTags.NumberOfStudyRelatedInstances, null);
                    break;
                case DicomQueryLevel.Series:
                    if (q.PatientRoot) Key(ds, DicomTags.PatientID, q.PatientID);
                    Key(ds, DicomTags.StudyInstanceUID, q.StudyInstanceUID);
                    Key(ds, DicomTags.SeriesInstanceUID, q.SeriesInstanceUID);
                    Key(ds, DicomTags.Modality, modalities.Count == 1 ? modalities[0] : null);
                    Key(ds, DicomTags.SeriesNumber, null);
                    Key(ds, DicomTags.SeriesDescription, null);
                    Key(ds, DicomTags.NumberOfSeriesRelatedInstances, null);
                    break;
                default:
                    if (q.PatientRoot) Key(ds, DicomTags.PatientID, q.PatientID);
                    Key(ds, DicomTags.StudyInstanceUID, q.StudyInstanceUID);
                    Key(ds, DicomTags.SeriesInstanceUID, q.SeriesInstanceUID);
                    Key(ds, DicomTags.SOPInstanceUID, null);
                    Key(ds, DicomTags.SOPClassUID, null);
                    Key(ds, DicomTags.InstanceNumber, null);
                    break;
            }
            extra = new List<(string, DicomTag)>();
            foreach (string keyword in q.ReturnKeys ?? new List<string>())
            {
                if (string.IsNullOrWhiteSpace(keyword)) continue;
                DicomDictionaryEntry entry = DicomDictionary.LookupKeyword(keyword.Trim());
                if (entry == null || entry.IsRepeating) throw new ArgumentException("Unknown return key '" + keyword.Trim() + "': use a DICOM dictionary keyword such as PatientBirthDate.");
                if (entry.VR == DicomVR.SQ) throw new ArgumentException("Return key '" + keyword.Trim() + "' is a sequence; only plain attributes can be returned.");
                extra.Add((keyword.Trim(), entry.Tag));
                if (!ds.Contains(entry.Tag)) ds.AddOrUpdate(new DicomElement(entry.Tag, entry.VR, Array.Empty<byte>()));
            }
            return ds;
        }

        /// <summary>A match key with its value, or an empty return key.</summary>
        private static void Key(DicomDataset ds, DicomTag tag, string value) => ds.AddOrUpdate(tag, string.IsNullOrWhiteSpace(value) ? string.Empty : value.Trim());

        private static string ChooseCharacterSet(DicomQuery q)
        {
            string all = string.Concat(q.PatientName, q.PatientID, q.AccessionNumber, q.StudyDescription);
            if (all.All(c => c < 0x80)) return null;
            if (DicomTextEncoding.Parse("ISO_IR 100").CanEncode(all, DicomTextKind.PersonName)) return "ISO_IR 100";
            return "ISO_IR 192";
        }

        internal static QueryRetrieveLevel ToLevel(DicomQueryLevel level)
        {
            switch (level)
            {
                case DicomQueryLevel.Patient: return QueryRetrieveLevel.Patient;
                case DicomQueryLevel.Series: return QueryRetrieveLevel.Series;
                case DicomQueryLevel.Image: return QueryRetrieveLevel.Image;
                default: return QueryRetrieveLevel.Study;
            }
        }

        private static DicomQueryResult ToResult(DicomDataset ds, DicomQueryLevel level, List<(string Keyword, DicomTag Tag)> extra, DicomPeer peer)
        {
            var r = new DicomQueryResult
            {
                Level = QueryRetrieveSopClasses.LevelText(ToLevel(level)),
                PatientID = Text(ds, DicomTags.PatientID),
                PatientName = Text(ds, DicomTags.PatientName),
                PatientBirthDate = Text(ds, DicomTags.PatientBirthDate),
                StudyInstanceUID = ds.GetUid(DicomTags.StudyInstanceUID),
                StudyDate = Text(ds, DicomTags.StudyDate),
                StudyTime = Text(ds, DicomTags.StudyTime),
                AccessionNumber = Text(ds, DicomTags.AccessionNumber),
                StudyDescription = Text(ds, DicomTags.StudyDescription),
                ModalitiesInStudy = Text(ds, DicomTags.ModalitiesInStudy),
                SeriesInstanceUID = ds.GetUid(DicomTags.SeriesInstanceUID),
                Modality = Text(ds, DicomTags.Modality),
                SeriesNumber = Text(ds, DicomTags.SeriesNumber),
                SeriesDescription = Text(ds, DicomTags.SeriesDescription),
                SOPInstanceUID = ds.GetUid(DicomTags.SOPInstanceUID),
                SOPClassUID = ds.GetUid(DicomTags.SOPClassUID),
                InstanceNumber = Text(ds, DicomTags.InstanceNumber),
                ComputerName = peer.ComputerName,
                Port = peer.Port,
                CalledAETitle = peer.CalledAETitle,
            };
            if (string.IsNullOrEmpty(r.StudyInstanceUID)) r.StudyInstanceUID = null;
            if (string.IsNullOrEmpty(r.SeriesInstanceUID)) r.SeriesInstanceUID = null;
            if (string.IsNullOrEmpty(r.SOPInstanceUID)) r.SOPInstanceUID = null;
            DicomTag count = level == DicomQueryLevel.Study ? DicomTags.NumberOfStudyRelatedInstances
                : level == DicomQueryLevel.Series ? DicomTags.NumberOfSeriesRelatedInstances : DicomTags.NumberOfPatientRelatedInstances;
            if (int.TryParse(Text(ds, count), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)) r.NumberOfInstances = n;
            foreach (var (keyword, tag) in extra) r.Keys[keyword] = Text(ds, tag) ?? string.Empty;
            return r;
        }

        private static string Text(DicomDataset ds, DicomTag tag)
        {
            string s = ds.GetString(tag);
            if (s == null) return null;
            s = s.Trim(' ', '\0');
            return s.Length == 0 ? null : s;
        }
    }
}
