using System;
using System.IO;
using System.Security.Cryptography;

namespace HamletPS.Core
{
    /// <summary>
    /// The one classification of set-up errors (the settings of a command cannot be used; nothing was touched): a
    /// <see cref="HamletException"/> whose id is a set-up error (<see cref="ErrorIds.IsSetup"/>) keeps its own id; a BCL exception thrown while the settings are read (a bad value, a file
    /// that cannot be read, a certificate that cannot be used, a platform that lacks a feature) becomes a
    /// <see cref="HamletException"/> with the command's settings id; anything else is a bug and is not classified (null).
    /// </summary>
    public static class SetupError
    {
        /// <param name="exception">What the set-up threw.</param>
        /// <param name="settingsId">The command's settings id (e.g. <see cref="ErrorIds.InvalidProtectionSettings"/>).</param>
        /// <param name="unreadableFileId">The id for a file that cannot be read or used (e.g. <see cref="ErrorIds.TlsCertificateUnreadable"/>);
        /// <paramref name="settingsId"/> when null.</param>
        public static HamletException Classify(Exception exception, string settingsId, string unreadableFileId = null)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) exception = aggregate.InnerExceptions[0];
            switch (exception)
            {
                case HamletException ours:
                    return ours.IsSetup ? ours : null; // a failed input is not a set-up error: the caller classifies it
                case ArgumentException _:
                case InvalidOperationException _:
                case FormatException _:
                    return new HamletException(settingsId, exception.Message, exception);
                case IOException _:
                case UnauthorizedAccessException _:
                case CryptographicException _:
                case PlatformNotSupportedException _:
                    return new HamletException(unreadableFileId ?? settingsId, exception.Message, exception);
                default:
                    return null;
            }
        }
    }
}
