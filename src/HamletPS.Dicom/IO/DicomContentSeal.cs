namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// Binds a Part 10 file's preamble to its content in the write pass itself (<see cref="DicomWriteOptions.ContentSeal"/>):
    /// the writer hands it every byte after the 128-byte preamble, in order, as each is written, then asks it for the preamble
    /// and writes that at the file's start (PS3.10 §7.1 leaves the preamble to the application). A digest or a MAC of the file
    /// is so computed from the very bytes written, without reading the file back. One instance per written file.
    /// </summary>
    public abstract class DicomContentSeal
    {
        /// <summary>The next bytes of the file after the preamble, just written (every byte once, in file order).</summary>
        protected internal abstract void Append(byte[] buffer, int offset, int count);

        /// <summary>Called once, after the last byte was written: the 128-byte preamble to write at the file's start.</summary>
        protected internal abstract byte[] Preamble();
    }
}
