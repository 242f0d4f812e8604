namespace HamletPS.Dicom.Network
{
    /// <summary>A received DIMSE message: its command, the presentation context it came on, and the sink its data set went to.</summary>
    public sealed class DimseMessage
    {
        public DimseMessage(DimseCommand command, PresentationContext context, IDataSetSink dataSet, long dataSetLength)
        {
            Command = command;
            Context = context;
            DataSet = dataSet;
            DataSetLength = dataSetLength;
        }

        public DimseCommand Command { get; }

        public PresentationContext Context { get; }

        /// <summary>Where the data set fragments were written (null when the command has no data set).</summary>
        public IDataSetSink DataSet { get; }

        public long DataSetLength { get; }
    }
}
