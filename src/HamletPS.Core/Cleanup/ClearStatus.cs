#nullable enable
namespace HamletPS.Core.Cleanup
{
    public enum ClearStatus
    {
        Deleted,
        /// <summary>Not recorded in an archive manifest or a completed run's journal (and Force was not given), or declined.</summary>
        Kept,
        Failed,
    }
}
