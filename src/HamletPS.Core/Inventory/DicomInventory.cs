#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;

namespace HamletPS.Core.Inventory
{
    /// <summary>
    /// The inventory of one patient (Get-HamletInventory, `hamlet inventory`): asks the PACS (C-FIND through <see cref="DicomFinder"/>)
    /// for the patient's studies, then their series; lists the instances (IMAGE level) of each series that the
    /// <see cref="SentInstanceIndex"/> mentions, or whose size the PACS did not give; and compares them with what was sent. One
    /// <see cref="InventoryStudy"/> per study, or one NotInPacs row when the PACS has none. Never logs a value.
    /// </summary>
    public static class DicomInventory
    {
        /// <summary>Takes stock of <paramref name="patient"/>; <paramref name="onStudy"/> gets each row. Returns the number of rows.</summary>
        public static async Task<int> RunAsync(DicomPeer peer, InventoryPatient patient, InventoryFilter filter, SentInstanceIndex sent,
            Action<InventoryStudy> onStudy, CancellationToken cancellationToken)
        {
            if (peer == null) throw new ArgumentNullException(nameof(peer));
            if (patient == null) throw new ArgumentNullException(nameof(patient));
            if (sent == null) throw new ArgumentNullException(nameof(sent));
            if (onStudy == null) throw new ArgumentNullException(nameof(onStudy));
            filter = filter ?? new InventoryFilter();
            if (patient.IsEmpty) throw new ArgumentException("A patient to take stock of needs a Patient ID or an accession number.");
            var studyQuery = new DicomQuery
            {
                Level = DicomQueryLevel.Study,
                PatientID = Trimmed(patient.PatientID),
                AccessionNumber = Trimmed(patient.AccessionNumber),
                StudyDate = filter.StudyDate,
                Modality = new List<string>(filter.Modality),
            };
            var studies = new List<DicomQueryResult>();
            await DicomFinder.FindAsync(peer, studyQuery, r => { if (r.StudyInstanceUID != null) studies.Add(r); return true; }, cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int rows = 0;
            foreach (DicomQueryResult study in studies)
            {
                if (!seen.Add(study.StudyInstanceUID!)) continue;
                onStudy(await StudyAsync(peer, patient, study, filter, sent, cancellationToken).ConfigureAwait(false));
                rows++;
            }
            if (rows == 0)
            {
                onStudy(new InventoryStudy
                {
                    PatientID = Trimmed(patient.PatientID),
                    AccessionNumber = Trimmed(patient.AccessionNumber),
                    StudyId = Trimmed(patient.StudyId),
                    Status = InventoryStatus.NotInPacs,
                });
                rows++;
            }
            return rows;
        }

        private static async Task<InventoryStudy> StudyAsync(DicomPeer peer, InventoryPatient patient, DicomQueryResult study, InventoryFilter filter,
            SentInstanceIndex sent, CancellationToken cancellationToken)
        {
            var row = new InventoryStudy
            {
                PatientID = Trimmed(patient.PatientID) ?? study.PatientID,
                AccessionNumber = study.AccessionNumber ?? Trimmed(patient.AccessionNumber),
                StudyId = Trimmed(patient.StudyId),
                StudyInstanceUID = study.StudyInstanceUID,
                StudyDate = study.StudyDate,
                StudyDescription = study.StudyDescription,
            };
            var seriesQuery = new DicomQuery
            {
                Level = DicomQueryLevel.Series,
                StudyInstanceUID = study.StudyInstanceUID,
                Modality = new List<string>(filter.Modality),
            };
            var series = new List<DicomQueryResult>();
            await DicomFinder.FindAsync(peer, seriesQuery, r => { if (r.SeriesInstanceUID != null) series.Add(r); return true; }, cancellationToken).ConfigureAwait(false);
            var modalities = new List<string>();
            string? sentStudyId = null;
            foreach (DicomQueryResult s in series.GroupBy(s => s.SeriesInstanceUID, StringComparer.Ordinal).Select(g => g.First()))
            {
                if (!string.IsNullOrEmpty(s.Modality) && !modalities.Contains(s.Modality!, StringComparer.Ordinal)) modalities.Add(s.Modality!);
                int instances, sentHere = 0;
                if (sent.Mentions(s.SeriesInstanceUID) || s.NumberOfInstances == null)
                {
                    var sops = new HashSet<string>(StringComparer.Ordinal);
                    var imageQuery = new DicomQuery { Level = DicomQueryLevel.Image, StudyInstanceUID = study.StudyInstanceUID, SeriesInstanceUID = s.SeriesInstanceUID };
                    await DicomFinder.FindAsync(peer, imageQuery, r => { if (r.SOPInstanceUID != null) sops.Add(r.SOPInstanceUID); return true; }, cancellationToken).ConfigureAwait(false);
                    instances = sops.Count;
                    foreach (string sop in sops)
                    {
                        SentRecord? record = sent.Find(sop);
                        if (record == null) continue;
                        sentHere++;
                        sentStudyId = sentStudyId ?? record.StudyId;
                        if (record.SentUtc != null && (row.LastSentUtc == null || record.SentUtc > row.LastSentUtc)) row.LastSentUtc = record.SentUtc;
                    }
                }
                else instances = s.NumberOfInstances.Value;
                row.Series++;
                row.Instances += instances;
                row.SentInstances += sentHere;
                if (sentHere == 0) row.NotSentSeries++;
                else if (sentHere >= instances) row.SentSeries++;
                else row.ChangedSeries++;
            }
            row.NotSentInstances = row.Instances - row.SentInstances;
            row.Modalities = modalities.Count == 0 ? study.ModalitiesInStudy : string.Join("\\", modalities);
            row.StudyId = row.StudyId ?? sentStudyId;
            row.Status = StatusOf(row);
            return row;
        }

        /// <summary>The study's status from its series counts (see <see cref="InventoryStatus"/>).</summary>
        public static string StatusOf(InventoryStudy row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            if (row.SentInstances == 0) return InventoryStatus.NotSent;
            if (row.ChangedSeries > 0) return InventoryStatus.ChangedSinceSent;
            if (row.NotSentSeries > 0) return InventoryStatus.PartlySent;
            return InventoryStatus.Sent;
        }

        private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s!.Trim();
    }
}
