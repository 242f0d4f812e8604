namespace HamletPS.Core.Review
{
    /// <summary>One downsampled frame as 8-bit RGB, row by row.</summary>
    public sealed class ThumbnailTile
    {
        public ThumbnailTile(int width, int height, byte[] rgb)
        {
            Width = width;
            Height = height;
            Rgb = rgb;
        }

        public int Width { get; }

        public int Height { get; }

        public byte[] Rgb { get; }

        /// <summary>Source pixels per tile pixel (the tile's pixel (x, y) shows source pixel (x * Scale, y * Scale)).</summary>
        public double Scale { get; set; } = 1;
    }
}
