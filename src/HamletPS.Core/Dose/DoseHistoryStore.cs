using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Microsoft.Data.Sqlite;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// The dose history: an SQLite database (Microsoft.Data.Sqlite over the bundled e_sqlite3) holding one row per dose report,
    /// keyed by SOP Instance UID, and its irradiation events. The schema is versioned (PRAGMA user_version) and created or
    /// migrated when opened. Several processes may write at once (the receiver and a manual import): write-ahead logging,
    /// each batch one immediate transaction, and a busy wait (<see cref="BusyTimeout"/>) before "locked" is reported.
    /// A report already stored is never doubled: the same content is <see cref="DoseHistoryImportStatus.Unchanged"/>, changed
    /// content a <see cref="DoseHistoryImportStatus.Conflict"/> unless replacing is asked for. No identifier but the patient
    /// key (Study ID or keyed pseudonym) is stored. Not thread-safe: one store per thread.
    /// </summary>
    public sealed class DoseHistoryStore : IDisposable
    {
        /// <summary>The schema this version writes; a database of a newer schema is refused.</summary>
        public const int SchemaVersion = 1;

        /// <summary>The file name of the default database, beside the site configuration.</summary>
        public const string DefaultFileName = "dose-history.sqlite";

        /// <summary>How long a writer waits for another before the database counts as locked.</summary>
        public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

        private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteCorrupt = 11, SqliteCantOpen = 14, SqliteNotADb = 26;

        private readonly SqliteConnection _connection;

        static DoseHistoryStore()
        {
            // Microsoft.Data.Sqlite finds the bundle by reflection, which a trimmed native hamlet does not keep: say it here.
            SQLitePCL.Batteries_V2.Init();
        }

        private readonly TimeSpan _busyTimeout;

        private DoseHistoryStore(string path, SqliteConnection connection, TimeSpan busyTimeout)
        {
            _busyTimeout = busyTimeout;
            DatabasePath = path;
            _connection = connection;
        }

        /// <summary>The database file (absolute).</summary>
        public string DatabasePath { get; }

        /// <summary>
        /// Opens the database, creating it (and its folder) when <paramref name="create"/> is set, else failing when it does not
        /// exist; brings its schema to <see cref="SchemaVersion"/>. Throws <see cref="DoseHistoryException"/> when it cannot be used.
        /// </summary>
        /// <param name="busyTimeout">How long to wait for another writer; default <see cref="BusyTimeout"/>.</param>
        public static DoseHistoryStore Open(string path, bool create = true, TimeSpan? busyTimeout = null)
        {
            TimeSpan wait = busyTimeout ?? BusyTimeout;
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A dose history database path is required.", nameof(path));
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full)) throw new DoseHistoryException(full, "is a folder, not a database file");
            if (!create && !File.Exists(full)) throw new DoseHistoryException(full, "does not exist (import dose reports into it first)");
            if (create)
            {
                string folder = Path.GetDirectoryName(full);
                try
                {
                    if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new DoseHistoryException(full, "its folder cannot be created (" + ex.Message + ")", ex);
                }
            }
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = full,
                Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)),
            };
            var connection = new SqliteConnection(builder.ToString());
            try
            {
                connection.Open();
                Execute(connection, "PRAGMA busy_timeout = " + ((int)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";");
                string mode = Scalar(connection, "PRAGMA journal_mode = WAL;") as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    throw new DoseHistoryException(full, "write-ahead logging could not be turned on (journal mode " + mode + "); concurrent writers would not be safe");
                Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
                var store = new DoseHistoryStore(full, connection, wait);
                store.Migrate();
                return store;
            }
            catch (SqliteException ex)
            {
                connection.Dispose();
                throw Translate(full, ex, wait);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>The schema version the database holds (after opening: <see cref="SchemaVersion"/>).</summary>
        public int StoredSchemaVersion => Convert.ToInt32(Scalar(_connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);

        private void Migrate()
        {
            if (StoredSchemaVersion == SchemaVersion) return;
            using (SqliteTransaction tx = _connection.BeginTransaction())
            {
                int version = Convert.ToInt32(Scalar(_connection, tx, "PRAGMA user_version;"), CultureInfo.InvariantCulture); // again inside the write lock: another process may have migrated
                if (version > SchemaVersion)
                    throw new DoseHistoryException(DatabasePath, "has schema version " + version + ", newer than this HamletPS knows (" + SchemaVersion + "); use a newer HamletPS");
                if (version < 1)
                {
                    Execute(_connection, tx, @"
CREATE TABLE IF NOT EXISTS report (
  sop_instance_uid TEXT PRIMARY KEY NOT NULL,
  content_hash TEXT NOT NULL,
  kind TEXT NOT NULL,
  study_date TEXT,
  study_description TEXT,
  procedure_reported TEXT,
  patient_key TEXT,
  patient_age TEXT,
  patient_sex TEXT,
  patient_size REAL,
  patient_weight REAL,
  manufacturer TEXT,
  model_name TEXT,
  station_name TEXT,
  device_serial TEXT,
  institution_name TEXT,
  total_dlp REAL,
  total_dap REAL,
  total_dose_rp REAL,
  fluoro_dap REAL,
  fluoro_time REAL,
  acquisition_dap REAL,
  accumulated_agd REAL,
  test_patient INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS irradiation_event (
  sop_instance_uid TEXT NOT NULL REFERENCES report(sop_instance_uid) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  started_at TEXT,
  protocol TEXT,
  target_region TEXT,
  acquisition_type TEXT,
  ctdivol REAL,
  dlp REAL,
  dap REAL,
  dose_rp REAL,
  scanning_length REAL,
  exposure_time REAL,
  kvp REAL,
  tube_current REAL,
  agd REAL,
  compression_thickness REAL,
  phantom_type TEXT,
  dose_check_alert INTEGER NOT NULL,
  dose_check_notification INTEGER NOT NULL,
  PRIMARY KEY (sop_instance_uid, ordinal)
);
CREATE INDEX IF NOT EXISTS report_study_date ON report(study_date);
CREATE INDEX IF NOT EXISTS report_station ON report(station_name);
CREATE INDEX IF NOT EXISTS event_protocol ON irradiation_event(protocol);
");
                }
                // Later schema versions migrate here, one step per version.
                Execute(_connection, tx, "PRAGMA user_version = " + SchemaVersion.ToString(CultureInfo.InvariantCulture) + ";");
                tx.Commit();
            }
        }

        /// <summary>Stores one entry in its own transaction.</summary>
        public DoseHistoryImportStatus Store(DoseHistoryEntry entry, bool replace = false) => Store(new[] { entry }, replace)[0];

        /// <summary>
        /// Stores entries in one immediate transaction (all or none), each deduplicated by SOP Instance UID; returns each one's
        /// status in order (<see cref="DoseHistoryImportStatus.Added"/>, Unchanged, Conflict or Replaced).
        /// </summary>
        public IReadOnlyList<DoseHistoryImportStatus> Store(IReadOnlyList<DoseHistoryEntry> entries, bool replace = false)
        {
            if (entries == null) throw new ArgumentNullException(nameof(entries));
            var statuses = new DoseHistoryImportStatus[entries.Count];
            if (entries.Count == 0) return statuses;
            try
            {
                using (SqliteTransaction tx = _connection.BeginTransaction(deferred: false))
                using (SqliteCommand find = Command(tx, "SELECT content_hash FROM report WHERE sop_instance_uid = $uid;"))
                using (SqliteCommand remove = Command(tx, "DELETE FROM report WHERE sop_instance_uid = $uid;"))
                using (SqliteCommand insertReport = Command(tx, InsertReportSql))
                using (SqliteCommand insertEvent = Command(tx, InsertEventSql))
                {
                    string now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                    for (int i = 0; i < entries.Count; i++)
                    {
                        DoseHistoryEntry entry = entries[i] ?? throw new ArgumentException("A null entry.", nameof(entries));
                        if (string.IsNullOrEmpty(entry.SOPInstanceUID)) throw new ArgumentException("A dose report without a SOP Instance UID cannot be stored.", nameof(entries));
                        string hash = entry.ComputeContentHash();
                        find.Parameters["$uid"].Value = entry.SOPInstanceUID;
                        string stored = find.ExecuteScalar() as string;
                        if (stored != null)
                        {
                            if (stored == hash) { statuses[i] = DoseHistoryImportStatus.Unchanged; continue; }
                            if (!replace) { statuses[i] = DoseHistoryImportStatus.Conflict; continue; }
                            remove.Parameters["$uid"].Value = entry.SOPInstanceUID;
                            remove.ExecuteNonQuery();
                        }
                        Insert(insertReport, insertEvent, entry, hash, now);
                        statuses[i] = stored == null ? DoseHistoryImportStatus.Added : DoseHistoryImportStatus.Replaced;
                    }
                    tx.Commit();
                }
            }
            catch (SqliteException ex)
            {
                throw Translate(DatabasePath, ex, _busyTimeout);
            }
            return statuses;
        }

        private const string InsertReportSql = @"INSERT INTO report (sop_instance_uid, content_hash, kind, study_date, study_description,
 procedure_reported, patient_key, patient_age, patient_sex, patient_size, patient_weight, manufacturer, model_name, station_name,
 device_serial, institution_name, total_dlp, total_dap, total_dose_rp, fluoro_dap, fluoro_time, acquisition_dap, accumulated_agd,
 test_patient, imported_at) VALUES ($uid, $hash, $kind, $date, $desc, $proc, $key, $age, $sex, $size, $weight, $man, $model,
 $station, $serial, $inst, $tdlp, $tdap, $trp, $fdap, $ftime, $adap, $agd, $test, $now);";

        private const string InsertEventSql = @"INSERT INTO irradiation_event (sop_instance_uid, ordinal, started_at, protocol,
 target_region, acquisition_type, ctdivol, dlp, dap, dose_rp, scanning_length, exposure_time, kvp, tube_current, agd,
 compression_thickness, phantom_type, dose_check_alert, dose_check_notification) VALUES ($uid, $ord, $at, $protocol, $region,
 $type, $ctdi, $dlp, $dap, $rp, $len, $time, $kvp, $ma, $agd, $thick, $phantom, $alert, $note);";

        private static void Insert(SqliteCommand report, SqliteCommand ev, DoseHistoryEntry e, string hash, string now)
        {
            Set(report, "$uid", e.SOPInstanceUID); Set(report, "$hash", hash); Set(report, "$kind", e.Kind ?? DoseReportKind.Unknown);
            Set(report, "$date", DateText(e.StudyDate)); Set(report, "$desc", e.StudyDescription); Set(report, "$proc", e.ProcedureReported);
            Set(report, "$key", e.PatientKey); Set(report, "$age", e.PatientAge); Set(report, "$sex", e.PatientSex);
            Set(report, "$size", e.PatientSize); Set(report, "$weight", e.PatientWeight); Set(report, "$man", e.Manufacturer);
            Set(report, "$model", e.ManufacturerModelName); Set(report, "$station", e.StationName); Set(report, "$serial", e.DeviceSerialNumber);
            Set(report, "$inst", e.InstitutionName); Set(report, "$tdlp", e.TotalDlp); Set(report, "$tdap", e.TotalDap);
            Set(report, "$trp", e.TotalDoseRp); Set(report, "$fdap", e.FluoroDap); Set(report, "$ftime", e.FluoroTime);
            Set(report, "$adap", e.AcquisitionDap); Set(report, "$agd", e.AccumulatedAverageGlandularDose);
            Set(report, "$test", e.IsTestPatient ? 1 : 0); Set(report, "$now", now);
            report.ExecuteNonQuery();
            foreach (DoseHistoryEvent x in e.Events)
            {
                Set(ev, "$uid", e.SOPInstanceUID); Set(ev, "$ord", x.Ordinal); Set(ev, "$at", DateText(x.StartedAt));
                Set(ev, "$protocol", x.AcquisitionProtocol); Set(ev, "$region", x.TargetRegion); Set(ev, "$type", x.AcquisitionType);
                Set(ev, "$ctdi", x.CtdiVol); Set(ev, "$dlp", x.Dlp); Set(ev, "$dap", x.Dap); Set(ev, "$rp", x.DoseRp);
                Set(ev, "$len", x.ScanningLength); Set(ev, "$time", x.ExposureTime); Set(ev, "$kvp", x.Kvp); Set(ev, "$ma", x.TubeCurrent);
                Set(ev, "$agd", x.AverageGlandularDose); Set(ev, "$thick", x.CompressionThickness); Set(ev, "$phantom", x.PhantomType);
                Set(ev, "$alert", x.DoseCheckAlert ? 1 : 0); Set(ev, "$note", x.DoseCheckNotification ? 1 : 0);
                ev.ExecuteNonQuery();
            }
        }

        /// <summary>Number of reports stored (test patients included).</summary>
        public long CountReports() => Convert.ToInt64(Guard(() => Scalar(_connection, "SELECT count(*) FROM report;")), CultureInfo.InvariantCulture);

        /// <summary>Number of irradiation events stored.</summary>
        public long CountEvents() => Convert.ToInt64(Guard(() => Scalar(_connection, "SELECT count(*) FROM irradiation_event;")), CultureInfo.InvariantCulture);

        /// <summary>SQLite's own integrity check: "ok" for a sound database.</summary>
        public string IntegrityCheck() => Guard(() => Scalar(_connection, "PRAGMA integrity_check;")) as string;

        /// <summary>
        /// The stored reports the filter takes, with their events, in study date order (then SOP Instance UID), read as they
        /// are enumerated (one report in memory at a time).
        /// </summary>
        public IEnumerable<DoseHistoryEntry> Query(DoseHistoryFilter filter)
        {
            var parameters = new List<KeyValuePair<string, object>>();
            string where = Where(filter ?? new DoseHistoryFilter(), parameters, eventsToo: false);
            return Read(Select + " FROM report r LEFT JOIN irradiation_event e ON e.sop_instance_uid = r.sop_instance_uid" + where +
                        " ORDER BY r.study_date, r.sop_instance_uid, e.ordinal;", parameters);
        }

        /// <summary>
        /// Every irradiation event of the reports the filter takes (only the events of a filtered protocol), each with its study
        /// (an entry without events), ordered by protocol (case-insensitive), then study date: the per-protocol sheets, streamed.
        /// </summary>
        public IEnumerable<(DoseHistoryEntry Study, DoseHistoryEvent Event)> QueryEvents(DoseHistoryFilter filter)
        {
            var parameters = new List<KeyValuePair<string, object>>();
            string where = Where(filter ?? new DoseHistoryFilter(), parameters, eventsToo: true);
            (SqliteCommand command, SqliteDataReader reader) = ExecuteReader(
                Select + " FROM report r JOIN irradiation_event e ON e.sop_instance_uid = r.sop_instance_uid" + where +
                " ORDER BY coalesce(e.protocol, '') COLLATE NOCASE, e.protocol, r.study_date, r.sop_instance_uid, e.ordinal;", parameters);
            using (command)
            using (reader)
            {
                while (Next(reader)) yield return (ReadStudy(reader), ReadEvent(reader));
            }
        }

        /// <summary>Runs a query; a SQLite failure (busy, damaged, not a database) becomes the store's error naming the file.
        /// The caller disposes both.</summary>
        private (SqliteCommand Command, SqliteDataReader Reader) ExecuteReader(string sql, List<KeyValuePair<string, object>> parameters)
        {
            SqliteCommand command = _connection.CreateCommand();
            try
            {
                command.CommandText = sql;
                foreach (var p in parameters) command.Parameters.AddWithValue(p.Key, p.Value);
                return (command, command.ExecuteReader());
            }
            catch (SqliteException ex)
            {
                command.Dispose();
                throw Translate(DatabasePath, ex, _busyTimeout);
            }
        }

        private const string Select =
            "SELECT r.sop_instance_uid, r.kind, r.study_date, r.study_description, r.procedure_reported, r.patient_key, r.patient_age, " +
            "r.patient_sex, r.patient_size, r.patient_weight, r.manufacturer, r.model_name, r.station_name, r.device_serial, r.institution_name, " +
            "r.total_dlp, r.total_dap, r.total_dose_rp, r.fluoro_dap, r.fluoro_time, r.acquisition_dap, r.accumulated_agd, r.test_patient, r.imported_at, " +
            "e.ordinal, e.started_at, e.protocol, e.target_region, e.acquisition_type, e.ctdivol, e.dlp, e.dap, e.dose_rp, e.scanning_length, " +
            "e.exposure_time, e.kvp, e.tube_current, e.agd, e.compression_thickness, e.phantom_type, e.dose_check_alert, e.dose_check_notification";

        /// <summary>
        /// Patient's Age (an Age String: three digits and D, W, M or Y) in years as SQL; NULL for a missing or malformed age, so
        /// an age filter never takes a report whose age is unknown.
        /// </summary>
        private const string AgeInYears =
            "(CASE WHEN length(trim(r.patient_age)) = 4 AND substr(trim(r.patient_age), 1, 3) GLOB '[0-9][0-9][0-9]' THEN " +
            "CAST(substr(trim(r.patient_age), 1, 3) AS REAL) / (CASE upper(substr(trim(r.patient_age), 4, 1)) " +
            "WHEN 'Y' THEN 1.0 WHEN 'M' THEN 12.0 WHEN 'W' THEN 52.1775 WHEN 'D' THEN 365.25 ELSE NULL END) ELSE NULL END)";

        private static string Where(DoseHistoryFilter filter, List<KeyValuePair<string, object>> parameters, bool eventsToo)
        {
            var where = new List<string>();
            if (!filter.IncludeTestPatients) where.Add("r.test_patient = 0");
            if (!string.IsNullOrEmpty(filter.Kind)) { where.Add("r.kind = $kind COLLATE NOCASE"); parameters.Add(Pair("$kind", filter.Kind)); }
            if (!string.IsNullOrEmpty(filter.StationName)) { where.Add("r.station_name LIKE $station ESCAPE '\\'"); parameters.Add(Pair("$station", Like(filter.StationName))); }
            if (!string.IsNullOrEmpty(filter.StudyDescription)) { where.Add("r.study_description LIKE $desc ESCAPE '\\'"); parameters.Add(Pair("$desc", Like(filter.StudyDescription))); }
            if (!string.IsNullOrEmpty(filter.AcquisitionProtocol))
            {
                where.Add(eventsToo ? "e.protocol LIKE $protocol ESCAPE '\\'"
                    : "EXISTS (SELECT 1 FROM irradiation_event p WHERE p.sop_instance_uid = r.sop_instance_uid AND p.protocol LIKE $protocol ESCAPE '\\')");
                parameters.Add(Pair("$protocol", Like(filter.AcquisitionProtocol)));
            }
            if (filter.MinimumAge.HasValue) { where.Add(AgeInYears + " >= $minAge"); parameters.Add(Pair("$minAge", filter.MinimumAge.Value)); }
            if (filter.MaximumAge.HasValue) { where.Add(AgeInYears + " <= $maxAge"); parameters.Add(Pair("$maxAge", filter.MaximumAge.Value)); }
            if (!string.IsNullOrEmpty(filter.PatientSex)) { where.Add("trim(r.patient_sex) = $sex COLLATE NOCASE"); parameters.Add(Pair("$sex", filter.PatientSex.Trim())); }
            if (filter.From.HasValue) { where.Add("r.study_date >= $from"); parameters.Add(Pair("$from", filter.From.Value.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))); }
            if (filter.To.HasValue) { where.Add("r.study_date < $to"); parameters.Add(Pair("$to", filter.To.Value.Date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))); }
            return where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "";
        }

        private IEnumerable<DoseHistoryEntry> Read(string sql, List<KeyValuePair<string, object>> parameters)
        {
            (SqliteCommand command, SqliteDataReader reader) = ExecuteReader(sql, parameters);
            using (command)
            using (reader)
            {
                DoseHistoryEntry current = null;
                var events = new List<DoseHistoryEvent>();
                while (Next(reader))
                {
                    string uid = reader.GetString(0);
                    if (current == null || current.SOPInstanceUID != uid)
                    {
                        if (current != null)
                        {
                            current.Events = events.ToArray();
                            events.Clear();
                            yield return current;
                        }
                        current = ReadStudy(reader);
                    }
                    if (!reader.IsDBNull(24))
                    {
                        events.Add(ReadEvent(reader));
                    }
                }
                if (current != null)
                {
                    current.Events = events.ToArray();
                    yield return current;
                }
            }
        }

        private static DoseHistoryEntry ReadStudy(SqliteDataReader reader) => new DoseHistoryEntry
        {
            SOPInstanceUID = reader.GetString(0),
            Kind = Text(reader, 1),
            StudyDate = Date(reader, 2),
            StudyDescription = Text(reader, 3),
            ProcedureReported = Text(reader, 4),
            PatientKey = Text(reader, 5),
            PatientAge = Text(reader, 6),
            PatientSex = Text(reader, 7),
            PatientSize = Real(reader, 8),
            PatientWeight = Real(reader, 9),
            Manufacturer = Text(reader, 10),
            ManufacturerModelName = Text(reader, 11),
            StationName = Text(reader, 12),
            DeviceSerialNumber = Text(reader, 13),
            InstitutionName = Text(reader, 14),
            TotalDlp = Real(reader, 15),
            TotalDap = Real(reader, 16),
            TotalDoseRp = Real(reader, 17),
            FluoroDap = Real(reader, 18),
            FluoroTime = Real(reader, 19),
            AcquisitionDap = Real(reader, 20),
            AccumulatedAverageGlandularDose = Real(reader, 21),
            IsTestPatient = reader.GetInt64(22) != 0,
            ImportedAt = DateTime.Parse(reader.GetString(23), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        };

        private static DoseHistoryEvent ReadEvent(SqliteDataReader reader) => new DoseHistoryEvent
        {
            Ordinal = reader.GetInt32(24),
            StartedAt = Date(reader, 25),
            AcquisitionProtocol = Text(reader, 26),
            TargetRegion = Text(reader, 27),
            AcquisitionType = Text(reader, 28),
            CtdiVol = Real(reader, 29),
            Dlp = Real(reader, 30),
            Dap = Real(reader, 31),
            DoseRp = Real(reader, 32),
            ScanningLength = Real(reader, 33),
            ExposureTime = Real(reader, 34),
            Kvp = Real(reader, 35),
            TubeCurrent = Real(reader, 36),
            AverageGlandularDose = Real(reader, 37),
            CompressionThickness = Real(reader, 38),
            PhantomType = Text(reader, 39),
            DoseCheckAlert = reader.GetInt64(40) != 0,
            DoseCheckNotification = reader.GetInt64(41) != 0,
        };

        private bool Next(SqliteDataReader reader)
        {
            try { return reader.Read(); }
            catch (SqliteException ex) { throw Translate(DatabasePath, ex, _busyTimeout); }
        }

        public void Dispose() => _connection.Dispose();

        /// <summary>A database error as the user should read it: the file and what is wrong, never SQL.</summary>
        internal static DoseHistoryException Translate(string path, SqliteException ex, TimeSpan busyTimeout)
        {
            int primary = ex.SqliteErrorCode & 0xFF;
            string reason;
            switch (primary)
            {
                case SqliteBusy:
                case SqliteLocked:
                    reason = "locked by another process for more than " + busyTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s; try again when it has finished";
                    break;
                case SqliteNotADb:
                    reason = "is not an SQLite database (or is encrypted): choose another file or move this one aside";
                    break;
                case SqliteCorrupt:
                    reason = "is damaged (SQLite reports corruption): restore it from a backup or move it aside and import again";
                    break;
                case SqliteReadOnly:
                    reason = "is read-only: the dose history needs to write to it and its folder";
                    break;
                case SqliteCantOpen:
                    reason = "cannot be opened (missing folder or no permission)";
                    break;
                default:
                    reason = "SQLite error " + ex.SqliteErrorCode.ToString(CultureInfo.InvariantCulture);
                    break;
            }
            return new DoseHistoryException(path, reason, ex);
        }

        private object Guard(Func<object> action)
        {
            try { return action(); }
            catch (SqliteException ex) { throw Translate(DatabasePath, ex, _busyTimeout); }
        }

        private SqliteCommand Command(SqliteTransaction tx, string sql)
        {
            SqliteCommand command = _connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            int start = 0;
            while ((start = sql.IndexOf('$', start)) >= 0)
            {
                int end = start + 1;
                while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_')) end++;
                string name = sql.Substring(start, end - start);
                if (!command.Parameters.Contains(name)) command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
                start = end;
            }
            command.Prepare();
            return command;
        }

        private static void Set(SqliteCommand command, string name, object value) => command.Parameters[name].Value = value ?? DBNull.Value;

        private static void Execute(SqliteConnection connection, string sql) => Execute(connection, null, sql);

        private static void Execute(SqliteConnection connection, SqliteTransaction tx, string sql)
        {
            using (SqliteCommand command = connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
        }

        private static object Scalar(SqliteConnection connection, string sql) => Scalar(connection, null, sql);

        private static object Scalar(SqliteConnection connection, SqliteTransaction tx, string sql)
        {
            using (SqliteCommand command = connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = sql;
                return command.ExecuteScalar();
            }
        }

        private static KeyValuePair<string, object> Pair(string name, object value) => new KeyValuePair<string, object>(name, value);

        /// <summary>A wildcard pattern (* and ?) as a LIKE pattern, with LIKE's own characters escaped.</summary>
        internal static string Like(string wildcard)
        {
            var sb = new StringBuilder(wildcard.Length + 4);
            foreach (char c in wildcard)
            {
                if (c == '*') sb.Append('%');
                else if (c == '?') sb.Append('_');
                else if (c == '%' || c == '_' || c == '\\') sb.Append('\\').Append(c);
                else sb.Append(c);
            }
            return sb.ToString();
        }

        private static string DateText(DateTime? value) => value?.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

        private static string Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        private static double? Real(SqliteDataReader r, int i) => r.IsDBNull(i) ? (double?)null : r.GetDouble(i);

        private static DateTime? Date(SqliteDataReader r, int i) =>
            r.IsDBNull(i) ? (DateTime?)null : DateTime.ParseExact(r.GetString(i), "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
    }
}
