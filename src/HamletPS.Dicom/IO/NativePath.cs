using System.Text;

namespace HamletPS.Dicom.IO
{
    /// <summary>A path as the C library takes it: UTF-8 bytes ending in NUL (for the Linux system calls .NET does not expose).</summary>
    internal static class NativePath
    {
        public static byte[] Of(string path) => Encoding.UTF8.GetBytes(path + "\0");
    }
}
