namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>A region of the image to blank, in pixels: left column, top row (both from 0), width and height.</summary>
    public sealed class PixelRectangle
    {
        public PixelRectangle(int x, int y, int width, int height)
        {
            X = x; Y = y; Width = width; Height = height;
        }

        public int X { get; }
        public int Y { get; }
        public int Width { get; }
        public int Height { get; }

        public override string ToString() => "[" + X + ", " + Y + ", " + Width + ", " + Height + "]";
    }
}
