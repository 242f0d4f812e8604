using System;
using System.Globalization;
using System.IO;
using System.Text;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Sorting
{
    /// <summary>
    /// The quarantine folder (HAMLET.QUARANTINE): each file that cannot be used is kept there under a free name with a
    /// <c>&lt;name&gt;.reason.txt</c> beside it that names the reason, never a value. Used by the sorter (unreadable DICOM, a file
    /// that cannot be placed) and by the pipeline (a sorted file that fails the full read). Names are kept within
    /// <see cref="SortPathTemplate.MaxComponentBytes"/> UTF-8 bytes (a longer source name is replaced by a hash of it), so the
    /// reason file's name fits every file system.
    /// </summary>
    public sealed class QuarantineFolder
    {
        public QuarantineFolder(string folder)
        {
            if (string.IsNullOrWhiteSpace(folder)) throw new ArgumentException("The quarantine folder is required.", nameof(folder));
            Folder = Path.GetFullPath(folder);
        }

        /// <summary>The folder (full path).</summary>
        public string Folder { get; }

        /// <summary>
        /// Writes the reason file (to a temporary name), lets <paramref name="place"/> move or copy <paramref name="source"/> to
        /// the free target it is given, then renames the reason file into place. Returns the quarantined path. When placing
        /// fails, the reason file is removed and the exception propagates.
        /// </summary>
        public string Put(string source, string reason, Action<string, string> place)
        {
            Directory.CreateDirectory(Folder);
            string name = SortPathTemplate.FitComponent(Path.GetFileName(source));
            string target = Path.Combine(Folder, name);
            for (int n = 2; File.Exists(target) || File.Exists(target + ReasonSuffix); n++)
                target = Path.Combine(Folder, name + "~" + n.ToString(CultureInfo.InvariantCulture));
            string reasonFile = target + ReasonSuffix;
            string partial = TemporaryFileName.Fixed(reasonFile);
            File.WriteAllText(partial, "HamletPS " + ProductInfo.Version + " quarantined this file on " +
                DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC." + Environment.NewLine +
                "Reason: " + reason + Environment.NewLine, new UTF8Encoding(false));
            try
            {
                place(source, target);
            }
            catch
            {
                try { File.Delete(partial); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw;
            }
            File.Move(partial, reasonFile);
            return target;
        }

        /// <summary>The suffix of a reason file.</summary>
        public const string ReasonSuffix = ".reason.txt";
    }
}
