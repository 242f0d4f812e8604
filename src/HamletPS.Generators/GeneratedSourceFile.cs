using System.IO;
using System.Text;
using HamletPS.Dicom.IO;

namespace HamletPS.Generators
{
    /// <summary>Writes a generated source file: UTF-8 without BOM, to a temporary name and then renamed over the old one.</summary>
    public static class GeneratedSourceFile
    {
        /// <summary>Writes <paramref name="code"/> as <paramref name="fileName"/> in <paramref name="folder"/> (created if needed); returns its path.</summary>
        public static string Write(string folder, string fileName, string code)
        {
            Directory.CreateDirectory(folder);
            string target = Path.Combine(folder, fileName);
            string temp = TemporaryFileName.Fixed(target);
            File.WriteAllText(temp, code, new UTF8Encoding(false));
            File.Move(temp, target, overwrite: true);
            return target;
        }
    }
}
