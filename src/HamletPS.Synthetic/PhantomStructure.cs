namespace HamletPS.Synthetic
{
    /// <summary>A region of interest of the phantom: ROI number, name, RT ROI Interpreted Type, display colour, polygon vertices.</summary>
    public sealed class PhantomStructure
    {
        public PhantomStructure(int number, string key, string interpretedType, int[] color, int points)
        {
            Number = number;
            Key = key;
            InterpretedType = interpretedType;
            Color = color;
            Points = points;
        }

        public int Number { get; }

        /// <summary>The structure's standard name (BODY, PTV, LUNG_L, LUNG_R, HEART, SPINAL_CORD).</summary>
        public string Key { get; }

        public string InterpretedType { get; }

        public int[] Color { get; }

        /// <summary>Vertices per contour.</summary>
        public int Points { get; }
    }
}
