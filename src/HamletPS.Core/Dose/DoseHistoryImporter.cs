using System;
using System.Collections.Generic;
using System.Threading;
using HamletPS.Core.Identity;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Stores dose reports in the history: test/QA patients left out (or flagged, when included), each patient keyed as
    /// Protect keys it (Study ID from the lookup table, else the keyed pseudonym; never the Patient ID), then stored in
    /// batches (<see cref="DoseHistoryImportOptions.BatchSize"/> per transaction). Results come in input order as each batch
    /// is committed. With WhatIf nothing is opened or written.
    /// </summary>
    public sealed class DoseHistoryImporter : IDisposable
    {
        private readonly DoseHistoryImportOptions _options;
        private DoseHistoryStore _store;

        public DoseHistoryImporter(DoseHistoryImportOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.Identity == null) throw new ArgumentException("The importer needs the identity resolver that keys patients.", nameof(options));
            if (!options.WhatIf) _store = DoseHistoryStore.Open(options.DatabasePath);
        }

        public string DatabasePath => _options.DatabasePath;

        public IEnumerable<DoseHistoryImportResult> Import(IEnumerable<DoseReport> reports, CancellationToken cancellationToken = default)
        {
            if (reports == null) throw new ArgumentNullException(nameof(reports));
            var pending = new List<(DoseHistoryEntry Entry, DoseHistoryImportResult Result)>();
            var ready = new List<DoseHistoryImportResult>();
            foreach (DoseReport report in reports)
            {
                cancellationToken.ThrowIfCancellationRequested();
                DoseHistoryImportResult result = Prepare(report, out DoseHistoryEntry entry);
                if (entry == null) ready.Add(result);
                else if (_options.WhatIf)
                {
                    result.Status = DoseHistoryImportStatus.WouldAdd;
                    ready.Add(result);
                }
                else
                {
                    pending.Add((entry, result));
                    ready.Add(result);
                    if (pending.Count >= Math.Max(1, _options.BatchSize)) Flush(pending);
                }
                if (pending.Count == 0)
                {
                    foreach (DoseHistoryImportResult r in ready) yield return r;
                    ready.Clear();
                }
            }
            Flush(pending);
            foreach (DoseHistoryImportResult r in ready) yield return r;
        }

        private void Flush(List<(DoseHistoryEntry Entry, DoseHistoryImportResult Result)> pending)
        {
            if (pending.Count == 0) return;
            var entries = new List<DoseHistoryEntry>(pending.Count);
            foreach (var p in pending) entries.Add(p.Entry);
            IReadOnlyList<DoseHistoryImportStatus> statuses = _store.Store(entries, _options.Replace);
            for (int i = 0; i < pending.Count; i++)
            {
                DoseHistoryImportResult result = pending[i].Result;
                result.Status = statuses[i];
                if (statuses[i] == DoseHistoryImportStatus.Conflict)
                    result.Message = "a report with this SOP Instance UID is stored with different values; kept the stored one (replace to take the new one)";
                else if (statuses[i] == DoseHistoryImportStatus.Replaced)
                    result.Message = "replaced the stored report with this SOP Instance UID, whose values differed";
            }
            pending.Clear();
        }

        private DoseHistoryImportResult Prepare(DoseReport report, out DoseHistoryEntry entry)
        {
            entry = null;
            var result = new DoseHistoryImportResult
            {
                Path = report.Path,
                SOPInstanceUID = report.SOPInstanceUID,
                Kind = report.Kind,
                StudyDate = report.StudyDate,
                StationName = report.StationName,
                EventCount = report.EventCount,
            };
            bool test = _options.TestPatients.IsTestPatient(report.PatientName, report.PatientID);
            if (test && !_options.IncludeTestPatients)
            {
                result.Status = DoseHistoryImportStatus.ExcludedTestPatient;
                result.Message = "a test/QA patient (name or ID matches " + string.Join(", ", _options.TestPatients.Patterns) + "): not stored";
                return result;
            }
            string key = null;
            try
            {
                key = _options.Identity.Resolve(report.PatientID, report.AccessionNumber).NewId;
            }
            catch (PseudonymizationException)
            {
                // The exception's text is the resolver's; ours names no identifier either way.
                result.Message = "the patient could not be keyed (no Patient ID, or one that cannot be pseudonymised and is not in the lookup table): stored without a patient key";
            }
            result.PatientKey = key;
            entry = DoseHistoryEntry.FromReport(report, key, test);
            return result;
        }

        public void Dispose() => _store?.Dispose();
    }
}
