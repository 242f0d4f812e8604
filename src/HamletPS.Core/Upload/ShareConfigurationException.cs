using System;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// The share cannot be reached as asked: no credentials anywhere, two ways of authenticating at once, no share name,
    /// a missing or unreadable configuration file. <see cref="Reason"/> is stable (the cmdlet's ErrorId). Never holds a secret.
    /// </summary>
    public sealed class ShareConfigurationException : Exception
    {
        public ShareConfigurationException(string reason, string message) : base(message)
        {
            Reason = reason;
        }

        /// <summary>NoStorageCredentials, AmbiguousCredentials, NoShareName, ConfigNotFound, InvalidConfig, InvalidShareConnection.</summary>
        public string Reason { get; }
    }
}
