using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Dose;
using HamletPS.Core.Tests.Deidentification;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HamletPS.Core.Tests.Dose
{
    /// <summary>
    /// The dose history: deduplication by SOP Instance UID, changed reports reported rather than overwritten, the protect
    /// step's test-patient rule, patient keys as Protect gives them (never the MRN), concurrent writers, and clear errors
    /// for a locked, foreign or newer database. Reports come from pydicom-written RDSRs read by our reader.
    /// </summary>
    public class DoseHistoryStoreTests
    {
        private const string Secret = "dose-history-test-site-secret";

        private static DoseHistoryImportOptions Options(string database, string mappingFile = null, bool includeTests = false, bool replace = false) =>
            DoseHistorySetup.CreateImportOptions(new DoseHistoryRequest
            {
                DatabasePath = database,
                Key = Secret.ToCharArray(),
                MappingFile = mappingFile,
                IncludeTestPatients = includeTests,
                Replace = replace,
            });

        private static List<DoseHistoryImportResult> Import(DoseHistoryImportOptions options, IEnumerable<DoseReport> reports)
        {
            using (var importer = new DoseHistoryImporter(options)) return importer.Import(reports).ToList();
        }

        private static long Count(string database)
        {
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false)) return store.CountReports();
        }

        [Fact]
        public void ImportingTheSameReportsTwice_StoresEachOnce()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-dedupe");
            string database = Path.Combine(scratch, "history.sqlite");
            var reports = new[] { DoseTestData.Make(scratch, "ct", 1), DoseTestData.Make(scratch, "rf", 2), DoseTestData.Make(scratch, "mg", 3) }
                .Select(DoseReportReader.Read).ToList();

            var first = Import(Options(database), reports);
            var second = Import(Options(database), reports);

            Assert.All(first, r => Assert.Equal(DoseHistoryImportStatus.Added, r.Status));
            Assert.All(second, r => Assert.Equal(DoseHistoryImportStatus.Unchanged, r.Status));
            Assert.Equal(3, Count(database));
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
            {
                Assert.Equal(reports.Sum(r => r.EventCount), store.CountEvents());
                Assert.Equal(DoseHistoryStore.SchemaVersion, store.StoredSchemaVersion);
                DoseHistoryEntry ct = store.Query(new DoseHistoryFilter { Kind = "CT" }).Single();
                DoseReport read = reports[0];
                Assert.Equal(read.TotalDlp, ct.TotalDlp);
                Assert.Equal(read.CtEvents.Select(e => e.CtdiVol), ct.Events.Select(e => e.CtdiVol));
                Assert.Equal(read.CtEvents.Select(e => e.AcquisitionProtocol), ct.Events.Select(e => e.AcquisitionProtocol));
                Assert.Equal(read.StationName, ct.StationName);
                Assert.Equal(read.StudyDate, ct.StudyDate);
            }
        }

        [Fact]
        public void ChangedReportWithAStoredUid_IsReportedAsAConflict_AndReplacesOnlyWhenAsked()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-conflict");
            string database = Path.Combine(scratch, "history.sqlite");
            DoseReport original = DoseReportReader.Read(DoseTestData.Make(scratch, "ct", 4));
            DoseReport changed = DoseReportReader.Read(original.Path);
            changed.TotalDlp = original.TotalDlp + 100;

            Assert.Equal(DoseHistoryImportStatus.Added, Import(Options(database), new[] { original }).Single().Status);
            DoseHistoryImportResult conflict = Import(Options(database), new[] { changed }).Single();
            Assert.Equal(DoseHistoryImportStatus.Conflict, conflict.Status);
            Assert.Contains("different values", conflict.Message);
            Assert.Equal(original.TotalDlp, Stored(database).TotalDlp);

            Assert.Equal(DoseHistoryImportStatus.Replaced, Import(Options(database, replace: true), new[] { changed }).Single().Status);
            Assert.Equal(changed.TotalDlp, Stored(database).TotalDlp);
            Assert.Equal(1, Count(database));
        }

        private static DoseHistoryEntry Stored(string database)
        {
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false)) return store.Query(null).Single();
        }

        [Fact]
        public void TestPatients_AreLeftOutByTheProtectRule_OrStoredFlaggedAndHiddenUntilAsked()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-testpatient");
            string database = Path.Combine(scratch, "history.sqlite");
            DoseReport real = DoseReportReader.Read(DoseTestData.Make(scratch, "ct", 5));
            DoseReport qa = DoseReportReader.Read(DoseTestData.Make(scratch, "ct", 6));
            qa.PatientName = "QA^PHANTOM";
            Assert.True(new TestPatientDetector(DeidentificationProfile.Default.TestPatientPatterns).IsTestPatient(qa.PatientName, qa.PatientID));

            var results = Import(Options(database), new[] { real, qa });
            Assert.Equal(new[] { DoseHistoryImportStatus.Added, DoseHistoryImportStatus.ExcludedTestPatient }, results.Select(r => r.Status));
            Assert.Equal(1, Count(database));

            Import(Options(database, includeTests: true), new[] { qa });
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
            {
                Assert.Equal(2, store.CountReports());
                Assert.Single(store.Query(new DoseHistoryFilter()));
                Assert.Equal(2, store.Query(new DoseHistoryFilter { IncludeTestPatients = true }).Count());
                Assert.True(store.Query(new DoseHistoryFilter { IncludeTestPatients = true }).Single(e => e.SOPInstanceUID == qa.SOPInstanceUID).IsTestPatient);
            }
        }

        [Fact]
        public void PatientKey_IsTheStudyIdOrTheProtectPseudonym_AndNoIdentifierIsInTheDatabaseFiles()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-key");
            string database = Path.Combine(scratch, "history.sqlite");
            DoseReport listed = DoseReportReader.Read(DoseTestData.Make(scratch, "ct", 7));
            DoseReport unlisted = DoseReportReader.Read(DoseTestData.Make(scratch, "rf", 8));
            string mapping = Path.Combine(scratch, "mapping.csv");
            File.WriteAllText(mapping, "MRN,Study_ID\r\n" + listed.PatientID + ",TRIAL-0007\r\n");

            var results = Import(Options(database, mapping), new[] { listed, unlisted });

            Assert.Equal("TRIAL-0007", results[0].PatientKey);
            ProtectorOptions protect = ProtectionSetup.CreateProtectorOptions(new ProtectionRequest
            {
                Key = Secret.ToCharArray(), MappingFile = mapping, Destination = Path.Combine(scratch, "protected"), WhatIf = true,
            });
            string pseudonym = protect.Identity.Resolve(unlisted.PatientID, unlisted.AccessionNumber).NewId;
            Assert.Equal(pseudonym, results[1].PatientKey);
            Assert.NotEqual(unlisted.PatientID, pseudonym);

            SqliteConnection.ClearAllPools();
            var bytes = new List<byte>();
            foreach (string file in Directory.GetFiles(scratch, "history.sqlite*")) bytes.AddRange(File.ReadAllBytes(file));
            string content = Encoding.UTF8.GetString(bytes.ToArray());
            foreach (DoseReport r in new[] { listed, unlisted })
            {
                Assert.DoesNotContain(r.PatientID, content);
                Assert.DoesNotContain(r.PatientName, content);
                Assert.DoesNotContain(r.AccessionNumber, content);
                Assert.DoesNotContain(Path.GetFileName(r.Path), content);
            }
            Assert.Contains("TRIAL-0007", content);
        }

        [Fact]
        public void SeveralWritersAtOnce_StoreEachReportOnce_AndLeaveASoundDatabase()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-concurrent");
            string database = Path.Combine(scratch, "history.sqlite");
            DoseReport template = DoseReportReader.Read(DoseTestData.Make(scratch, "ct", 9));
            // 120 distinct reports; four writers each take an overlapping 60 of them in a different order, in small batches.
            List<DoseReport> all = Enumerable.Range(0, 120).Select(i =>
            {
                DoseReport r = DoseReportReader.Read(template.Path);
                r.SOPInstanceUID = "2.25.9000" + i.ToString("D4");
                r.PatientID = "SYN" + (i % 17).ToString("D5");
                return r;
            }).ToList();
            var added = new int[4];
            using (var start = new Barrier(4))
            {
                var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
                Thread[] writers = Enumerable.Range(0, 4).Select(w => new Thread(() =>
                {
                    try
                    {
                    var mine = all.Skip(w * 20).Take(60).ToList();
                    if (w % 2 == 1) mine.Reverse();
                    DoseHistoryImportOptions options = Options(database);
                    options.BatchSize = 7;
                    start.SignalAndWait();
                    added[w] = Import(options, mine).Count(r => r.Status == DoseHistoryImportStatus.Added);
                    }
                    catch (Exception ex) { errors.Enqueue(ex); }
                })).ToArray();
                foreach (Thread t in writers) t.Start();
                foreach (Thread t in writers) t.Join();
                Assert.Empty(errors);
            }
            Assert.Equal(120, added.Sum());
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
            {
                Assert.Equal(120, store.CountReports());
                Assert.Equal(120L * template.EventCount, store.CountEvents());
                Assert.Equal("ok", store.IntegrityCheck());
            }
        }

        [Fact]
        public void ADatabaseHeldByAnotherWriter_GivesALockedErrorNamingTheFile()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-locked");
            string database = Path.Combine(scratch, "history.sqlite");
            DoseReport report = DoseReportReader.Read(DoseTestData.Make(scratch, "ct", 10));
            using (DoseHistoryStore.Open(database)) { }
            using (var holder = new SqliteConnection("Data Source=" + database + ";Pooling=False"))
            {
                holder.Open();
                using (SqliteTransaction tx = holder.BeginTransaction(deferred: false))
                using (DoseHistoryStore store = DoseHistoryStore.Open(database, busyTimeout: TimeSpan.FromMilliseconds(300)))
                {
                    var ex = Assert.Throws<DoseHistoryException>(() =>
                        store.Store(DoseHistoryEntry.FromReport(report, "K", false)));
                    Assert.Contains(database, ex.Message);
                    Assert.Contains("locked by another process", ex.Message);
                    tx.Rollback();
                }
            }
        }

        [Fact]
        public void AFileThatIsNotADatabase_OrOfANewerSchema_IsRefusedClearly()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-foreign");
            string foreign = Path.Combine(scratch, "notes.sqlite");
            File.WriteAllText(foreign, new string('x', 8192));
            var ex = Assert.Throws<DoseHistoryException>(() => DoseHistoryStore.Open(foreign).Dispose());
            Assert.Contains(foreign, ex.Message);
            Assert.Contains("not an SQLite database", ex.Message);
            Assert.Equal(new string('x', 8192), File.ReadAllText(foreign));

            string newer = Path.Combine(scratch, "newer.sqlite");
            using (var c = new SqliteConnection("Data Source=" + newer + ";Pooling=False"))
            {
                c.Open();
                using (SqliteCommand cmd = c.CreateCommand())
                {
                    cmd.CommandText = "PRAGMA user_version = 99;";
                    cmd.ExecuteNonQuery();
                }
            }
            ex = Assert.Throws<DoseHistoryException>(() => DoseHistoryStore.Open(newer).Dispose());
            Assert.Contains("schema version 99", ex.Message);

            ex = Assert.Throws<DoseHistoryException>(() => DoseHistoryStore.Open(Path.Combine(scratch, "absent.sqlite"), create: false).Dispose());
            Assert.Contains("does not exist", ex.Message);
        }

        [Fact]
        public void Query_FiltersByStationProtocolKindAndDateRange()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-query");
            string database = Path.Combine(scratch, "history.sqlite");
            var reports = new[] { DoseTestData.Make(scratch, "ct", 11), DoseTestData.Make(scratch, "ct", 12), DoseTestData.Make(scratch, "rf", 13) }
                .Select(DoseReportReader.Read).ToList();
            reports[1].StationName = "CT_SIM%2";
            reports[0].StudyDate = new DateTime(2026, 3, 1, 9, 30, 0);
            reports[1].StudyDate = new DateTime(2026, 3, 2, 23, 59, 0);
            reports[2].StudyDate = new DateTime(2026, 4, 1, 8, 0, 0);
            Import(Options(database), reports);
            string protocol = reports[0].CtEvents.Select(e => e.AcquisitionProtocol).First(p => p != null);

            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
            {
                string[] Uids(DoseHistoryFilter f) => store.Query(f).Select(e => e.SOPInstanceUID).ToArray();
                Assert.Equal(new[] { reports[0].SOPInstanceUID }, Uids(new DoseHistoryFilter { StationName = reports[0].StationName }));
                Assert.Equal(new[] { reports[1].SOPInstanceUID }, Uids(new DoseHistoryFilter { StationName = "ct_sim%*" }));   // % is literal
                Assert.Equal(new[] { reports[0].SOPInstanceUID, reports[1].SOPInstanceUID }, Uids(new DoseHistoryFilter { From = new DateTime(2026, 3, 1), To = new DateTime(2026, 3, 2) }));
                Assert.Equal(new[] { reports[2].SOPInstanceUID }, Uids(new DoseHistoryFilter { Kind = "projectionxray" }));
                Assert.Contains(reports[0].SOPInstanceUID, Uids(new DoseHistoryFilter { AcquisitionProtocol = protocol.ToLowerInvariant() }));
                Assert.DoesNotContain(reports[2].SOPInstanceUID, Uids(new DoseHistoryFilter { AcquisitionProtocol = protocol }));
                Assert.Empty(Uids(new DoseHistoryFilter { From = new DateTime(2026, 5, 1) }));
            }
        }

        [Fact]
        public void Query_FiltersByPatientAgeInYearsWhateverItsUnit_AndBySex_AndAnUnknownAgeNeverMatchesAnAgeFilter()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-age");
            string database = Path.Combine(scratch, "history.sqlite");
            var reports = new[] { DoseTestData.Make(scratch, "ct", 21), DoseTestData.Make(scratch, "ct", 22), DoseTestData.Make(scratch, "ct", 23), DoseTestData.Make(scratch, "rf", 24) }
                .Select(DoseReportReader.Read).ToList();
            reports[0].PatientAge = "045Y"; reports[0].PatientSex = "F";
            reports[1].PatientAge = "018M"; reports[1].PatientSex = "M";   // 1.5 years
            reports[2].PatientAge = "070W"; reports[2].PatientSex = "M";   // 1.34 years
            reports[3].PatientAge = null; reports[3].PatientSex = "O";
            Import(Options(database), reports);

            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
            {
                string[] Uids(DoseHistoryFilter f) => store.Query(f).Select(e => e.SOPInstanceUID).OrderBy(u => u, StringComparer.Ordinal).ToArray();
                string[] Of(params int[] i) => i.Select(n => reports[n].SOPInstanceUID).OrderBy(u => u, StringComparer.Ordinal).ToArray();
                Assert.Equal(Of(0), Uids(new DoseHistoryFilter { MinimumAge = 18 }));
                Assert.Equal(Of(1, 2), Uids(new DoseHistoryFilter { MaximumAge = 2 }));
                Assert.Equal(Of(1), Uids(new DoseHistoryFilter { MinimumAge = 1.4, MaximumAge = 1.6 }));
                Assert.Equal(Of(1, 2), Uids(new DoseHistoryFilter { PatientSex = "m" }));
                Assert.Equal(Of(3), Uids(new DoseHistoryFilter { PatientSex = "O" }));
                Assert.Empty(Uids(new DoseHistoryFilter { PatientSex = "O", MinimumAge = 0 }));   // its age is unknown
                Assert.Equal(Of(0, 1, 2, 3), Uids(new DoseHistoryFilter()));
            }
        }

        [Theory]
        [InlineData(5.0, 2.0, null, "age range is empty")]
        [InlineData(-1.0, null, null, "cannot be negative")]
        [InlineData(null, null, "X", "M, F or O")]
        public void CreateFilter_RefusesAnEmptyOrNegativeAgeRangeAndAnUnknownSex(double? minimum, double? maximum, string sex, string expected)
        {
            var ex = Assert.Throws<HamletException>(() => DoseHistorySetup.CreateFilter(new DoseHistoryRequest(),
                new DoseHistoryFilter { MinimumAge = minimum, MaximumAge = maximum, PatientSex = sex }));
            Assert.Equal(ErrorIds.InvalidDoseHistorySettings, ex.ErrorId);
            Assert.Contains(expected, ex.Message);
        }
    }
}
