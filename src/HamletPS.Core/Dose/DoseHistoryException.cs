using System;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// The dose history database cannot be used: locked by another writer past the wait, not a database, damaged, of a newer
    /// schema than this version knows, or not writable. The message names the database file and the reason.
    /// </summary>
    public sealed class DoseHistoryException : Exception
    {
        public DoseHistoryException(string databasePath, string reason, Exception inner = null)
            : base("Dose history " + databasePath + ": " + reason, inner)
        {
            DatabasePath = databasePath;
            Reason = reason;
        }

        public string DatabasePath { get; }
        public string Reason { get; }
    }
}
