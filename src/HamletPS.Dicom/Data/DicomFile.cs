using System;
using System.IO;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Dicom.Data
{
    /// <summary>
    /// A DICOM Part 10 file (or bare dataset): preamble, file meta information, dataset and transfer syntax.
    /// Open/Read stream through the source once; large values stay in the source and are copied on Save.
    /// </summary>
    public sealed class DicomFile
    {
        /// <summary>A new, empty file in Explicit VR Little Endian.</summary>
        public DicomFile() : this(null, new DicomDataset(), new DicomDataset(), DicomTransferSyntax.ExplicitVRLittleEndian, null, false) { }

        /// <summary>A new file holding the dataset.</summary>
        public DicomFile(DicomDataset dataset, DicomTransferSyntax? transferSyntax = null)
            : this(null, new DicomDataset(), dataset ?? throw new ArgumentNullException(nameof(dataset)), transferSyntax ?? DicomTransferSyntax.ExplicitVRLittleEndian, null, false) { }

        internal DicomFile(byte[]? preamble, DicomDataset meta, DicomDataset dataset, DicomTransferSyntax ts, string? source, bool hadMeta)
        {
            Preamble = preamble;
            FileMetaInformation = meta;
            Dataset = dataset;
            TransferSyntax = ts;
            SourceName = source;
            HadFileMetaInformation = hadMeta;
            IsComplete = true;
        }

        /// <summary>The 128-byte preamble as read (null when the file had none; zeros are written then).</summary>
        public byte[]? Preamble { get; set; }

        /// <summary>Group 0002 as read; the writer sets the required elements and the group length itself.</summary>
        public DicomDataset FileMetaInformation { get; }

        public DicomDataset Dataset { get; }

        /// <summary>The transfer syntax the dataset was read in (and is written in unless the write options say otherwise).</summary>
        public DicomTransferSyntax TransferSyntax { get; set; }

        /// <summary>The path or stream name the file was read from.</summary>
        public string? SourceName { get; }

        /// <summary>The length in bytes of the file or seekable stream it was read from, as it was opened; null for new files and forward-only streams.</summary>
        public long? SourceLength { get; internal set; }

        /// <summary>False for a bare dataset without a file meta group.</summary>
        public bool HadFileMetaInformation { get; }

        /// <summary>False when reading stopped at a stop tag (header-only reads); such a file cannot be saved.</summary>
        public bool IsComplete { get; internal set; }

        /// <summary>Reads a file. Large values are kept as references to the path, which must stay unchanged until the data is written.</summary>
        public static DicomFile Open(string path, DicomReadOptions? options = null)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            string full = Path.GetFullPath(path);
            using (var fs = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.None))
                return DicomFileReader.Read(fs, full, options, () => DicomValueSource.FromOpenFile(fs));
        }

        /// <summary>
        /// Reads from a stream. FileStreams are referenced by path; other seekable streams are referenced directly and must stay
        /// open and unchanged; non-seekable streams are loaded in full.
        /// </summary>
        public static DicomFile Read(Stream stream, string? sourceName = null, DicomReadOptions? options = null)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            Func<DicomValueSource>? source = null;
            if (stream is FileStream fs) source = () => DicomValueSource.FromOpenFile(fs);
            else if (stream.CanSeek) source = () => DicomValueSource.FromStream(stream, sourceName);
            return DicomFileReader.Read(stream, sourceName ?? (stream as FileStream)?.Name, options, source);
        }

        /// <summary>
        /// Writes to a temporary file next to <paramref name="path"/> and renames it into place (replacing a file already there).
        /// The folder is created when it does not exist yet (looked for only then, so a folder of many files costs no extra calls).
        /// </summary>
        public void Save(string path, DicomWriteOptions? options = null)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            string full = Path.GetFullPath(path);
            string temp = SaveToTemporary(full, options);
            try
            {
                FileRename.ReplaceOrMove(temp, full);
            }
            catch
            {
                DeleteQuietly(temp);
                throw;
            }
        }

        /// <summary>
        /// How many characters the temporary name of <see cref="SaveToTemporary"/> adds to the final path
        /// (<see cref="TemporaryFileName.BesideOverhead"/>: path-length budgets keep this free).
        /// </summary>
        public const int TemporaryNameOverhead = TemporaryFileName.BesideOverhead;

        /// <summary>
        /// The first half of <see cref="Save(string, DicomWriteOptions)"/> for callers that put the file in place later (after a
        /// group commit, say): writes it in full next to <paramref name="path"/> under a hidden temporary name
        /// (<see cref="TemporaryFileName.Beside"/>, ".name.&lt;12 hex digits&gt;.partial", which no reader takes for a finished file), creating the folder when it does not exist yet,
        /// and returns that name; the caller renames it with <see cref="FileRename.ReplaceOrMove"/> or deletes it. Nothing is
        /// left behind when the write fails.
        /// </summary>
        public string SaveToTemporary(string path, DicomWriteOptions? options = null)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            string full = Path.GetFullPath(path);
            string? dir = Path.GetDirectoryName(full);
            string temp = TemporaryFileName.Beside(full);
            try
            {
                using (FileStream fs = CreateTemporary(temp, dir))
                {
                    DicomWriter.Write(fs, this, options);
                    fs.Flush();
                }
                return temp;
            }
            catch
            {
                DeleteQuietly(temp);
                throw;
            }
        }

        private static void DeleteQuietly(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private static FileStream CreateTemporary(string temp, string? dir)
        {
            try
            {
                return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            }
            // The folder is missing. .NET reports that as FileNotFoundException instead when another thread created the folder
            // between the failed create and its check of the folder (files of one series written in parallel): for a create,
            // both mean "no folder at the time".
            catch (IOException ex) when ((ex is DirectoryNotFoundException || ex is FileNotFoundException) && !string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
                return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            }
        }

        /// <summary>Writes the file to a stream (left open).</summary>
        public void Save(Stream stream, DicomWriteOptions? options = null) => DicomWriter.Write(stream, this, options);

        /// <summary>The SOP Class UID of the dataset (or of the meta group when the dataset lacks it).</summary>
        public string? SopClassUid => Dataset.GetUid(DicomTags.SOPClassUID) ?? FileMetaInformation.GetUid(DicomTags.MediaStorageSOPClassUID);

        public string? SopInstanceUid => Dataset.GetUid(DicomTags.SOPInstanceUID) ?? FileMetaInformation.GetUid(DicomTags.MediaStorageSOPInstanceUID);

        public override string ToString() => "DicomFile " + (SourceName ?? "(new)") + " [" + TransferSyntax?.Name + ", " + Dataset.Count + " elements]";
    }
}
