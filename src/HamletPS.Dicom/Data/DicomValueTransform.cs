namespace HamletPS.Dicom.Data
{
    /// <summary>
    /// A change applied to a referenced value's bytes while they are copied from their source (see
    /// <see cref="DicomValueSource.Transformed"/>): the value is never loaded whole, the writer streams it through
    /// <see cref="Apply"/> in chunks. The bytes are those of the source, in the source's byte order.
    /// </summary>
    public abstract class DicomValueTransform
    {
        /// <summary>Changes <paramref name="count"/> bytes in place; <paramref name="sourcePosition"/> is the source offset of buffer[offset].</summary>
        public abstract void Apply(long sourcePosition, byte[] buffer, int offset, int count);
    }
}
