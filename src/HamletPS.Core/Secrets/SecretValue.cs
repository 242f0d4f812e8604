using System;

namespace HamletPS.Core.Secrets
{
    /// <summary>A resolved secret and where it came from. ToString never shows the value; Clear zeroes our copy.</summary>
    public sealed class SecretValue
    {
        private char[] _value;

        public SecretValue(char[] value, string source, string configKey = null)
        {
            _value = value ?? throw new ArgumentNullException(nameof(value));
            Source = source;
            ConfigKey = configKey;
        }

        /// <summary>"parameter", "environment variable HAMLET_FOLDERKEY", "key file /x/y", "config.yaml CIPHER.FOLDERKEY".</summary>
        public string Source { get; }
        /// <summary>The config key the value (or its key-file path) was read from, for locating findings; null otherwise.</summary>
        public string ConfigKey { get; }
        public int Length => _value?.Length ?? 0;

        /// <summary>A copy of the characters (the caller clears it after use).</summary>
        public char[] ToCharArray() => (char[])(_value ?? throw new ObjectDisposedException(nameof(SecretValue))).Clone();

        /// <summary>The value as a string, for APIs that take one (e.g. the Vigenère key, an Azure account key).</summary>
        public string Reveal() => new string(_value ?? throw new ObjectDisposedException(nameof(SecretValue)));

        public void Clear()
        {
            if (_value != null) Array.Clear(_value, 0, _value.Length);
            _value = null;
        }

        public override string ToString() => "*** (from " + Source + ")";
    }
}
