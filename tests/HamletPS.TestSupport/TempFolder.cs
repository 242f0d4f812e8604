using System;
using System.IO;
using System.Linq;

namespace HamletPS.TestSupport
{
    /// <summary>
    /// A fresh folder under the system temporary folder (hamletps-test-*), deleted with everything in it on Dispose. The one
    /// temporary folder of the tests: use it instead of Path.GetTempPath() by hand.
    /// </summary>
    public sealed class TempFolder : IDisposable
    {
        /// <param name="name">A word naming the test (kept in the folder name so a leftover says whose it is); no identifier.</param>
        /// <param name="create">False: only the (unique) path is chosen, for a test whose code under test must create the folder.</param>
        public TempFolder(string name = null, bool create = true)
        {
            string word = string.IsNullOrEmpty(name) ? "" : name.TrimEnd('-') + "-";
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hamletps-test-" + word + Guid.NewGuid().ToString("N"));
            if (create) Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        /// <summary>The full path of <paramref name="name"/> inside the folder (not created).</summary>
        public string File(string name) => System.IO.Path.Combine(Path, name);

        /// <summary>The full path of the parts joined under the folder (not created).</summary>
        public string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

        /// <summary>A sub-folder, created.</summary>
        public string Folder(params string[] parts)
        {
            string path = Combine(parts);
            Directory.CreateDirectory(path);
            return path;
        }

        /// <summary>Writes text to <paramref name="name"/> (parent folders created); returns its full path.</summary>
        public string Write(string name, string text)
        {
            string path = File(name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path));
            System.IO.File.WriteAllText(path, text);
            return path;
        }

        /// <summary>Writes bytes to a '/'-separated relative path (parent folders created); returns its full path.</summary>
        public string WriteFile(string relative, byte[] content)
        {
            string path = Combine(relative.Split('/'));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path));
            System.IO.File.WriteAllBytes(path, content);
            return path;
        }

        public void Dispose()
        {
            try { if (Directory.Exists(Path)) Directory.Delete(Path, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        public override string ToString() => Path;
    }
}
