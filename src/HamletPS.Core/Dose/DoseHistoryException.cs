using System;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// The dose history database cannot be used (<see cref="ErrorIds.DoseHistoryUnavailable"/>, a set-up error): locked by
    /// another writer past the wait, absent, not a database, damaged, of a newer schema than this version knows, or not
    /// writable. The message names the database file and the reason.
    /// </summary>
    public sealed class DoseHistoryException : HamletException
    {
        public DoseHistoryException(string databasePath, string reason, Exception inner = null)
            : base(ErrorIds.DoseHistoryUnavailable, "Dose history " + databasePath + ": " + reason, inner)
        {
            DatabasePath = databasePath;
            Reason = reason;
        }

        public string DatabasePath { get; }
        public string Reason { get; }
    }
}
