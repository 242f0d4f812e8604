using System.IO;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// The inflated bytes of a Deflated Explicit VR Little Endian dataset, cut off at <see cref="DicomReadOptions.MaxInflatedLength"/>:
    /// a few kilobytes of deflate can stand for gigabytes of zeros, so the reader never inflates more than the limit, whether it
    /// keeps the bytes or reads past them.
    /// </summary>
    internal sealed class BoundedInflation : ForwardReadStream
    {
        private readonly Stream _inflater;
        private readonly string? _source;
        private readonly long _limit;
        private long _produced;

        public BoundedInflation(Stream inflater, string? source, long limit)
        {
            _inflater = inflater;
            _source = source;
            _limit = limit;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_produced >= _limit)
            {
                // one byte more decides between "exactly the limit" and "more than the limit"
                if (_inflater.Read(new byte[1], 0, 1) <= 0) return 0;
                throw Exceeded();
            }
            if (count > _limit - _produced) count = (int)(_limit - _produced);
            int got = _inflater.Read(buffer, offset, count);
            _produced += got;
            return got;
        }

        private DicomFormatException Exceeded() =>
            new DicomFormatException(_source, _limit, "the deflated dataset inflates to more than the limit of " + _limit +
                " bytes (DicomReadOptions.MaxInflatedLength; offset within the inflated dataset)");
    }
}
