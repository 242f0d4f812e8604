using System.IO;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// Files copied from a CD or DVD keep the read-only attribute, and on Windows File.Delete refuses such a file ("access
    /// denied"). Where HamletPS owns a file — one it moved into the sorted tree, a source it is about to delete after copying,
    /// a file Clear-HamletFolder removes — the attribute is cleared first. Elsewhere .NET maps the attribute to the owner's
    /// write permission, which a delete does not need; clearing it is harmless.
    /// </summary>
    public static class ReadOnlyAttribute
    {
        /// <summary>Clears the read-only attribute of <paramref name="path"/> if it is set. True when it was set.</summary>
        public static bool Clear(string path)
        {
            FileAttributes attributes = File.GetAttributes(path);
            if ((attributes & FileAttributes.ReadOnly) == 0) return false;
            File.SetAttributes(path, attributes & ~FileAttributes.ReadOnly);
            return true;
        }

        /// <summary>Deletes a file HamletPS owns, clearing its read-only attribute first, retried while another program holds it.</summary>
        public static void DeleteOwnedFile(string path)
        {
            FileRetry.Run(() =>
            {
                if (!File.Exists(path)) return;
                Clear(path);
                File.Delete(path);
            });
        }
    }
}
