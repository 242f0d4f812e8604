using System;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// The share cannot be reached as asked: no credentials anywhere, two ways of authenticating at once, no share name,
    /// a missing or unreadable configuration file. <see cref="HamletException.ErrorId"/> is stable. Never holds a secret.
    /// </summary>
    public sealed class ShareConfigurationException : HamletException
    {
        /// <param name="errorId">NoStorageCredentials, AmbiguousCredentials, AmbiguousTarget, NoShareName, ConfigNotFound,
        /// InvalidConfiguration or InvalidShareConnection (<see cref="ErrorIds"/>).</param>
        /// <param name="message">What is wrong.</param>
        /// <param name="remedy">What to do, settings in braces (see <see cref="HamletException.Remedy"/>).</param>
        public ShareConfigurationException(string errorId, string message, string remedy = null) : base(errorId, message, null, remedy)
        {
        }
    }
}
