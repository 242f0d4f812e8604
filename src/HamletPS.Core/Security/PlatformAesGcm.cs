using System;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Security.Cryptography;

namespace HamletPS.Core.Security
{
    /// <summary>
    /// The runtime's System.Security.Cryptography.AesGcm (.NET Core 3.0 and later), reached by reflection because this
    /// library targets netstandard2.0, which lacks it. Null from <see cref="TryCreate"/> when the runtime has none or
    /// reports it unsupported; <see cref="AesGcmCipher"/> then uses its managed code. 12-byte nonce, 16-byte tag.
    /// </summary>
    internal sealed class PlatformAesGcm : IDisposable
    {
        private const DynamicallyAccessedMemberTypes UsedMembers =
            DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicProperties;

        [DynamicallyAccessedMembers(UsedMembers)]
        private static readonly Type AesGcmType = FindType();
        private static readonly ConstructorInfo Constructor = FindConstructor();
        private static readonly MethodInfo EncryptMethod = FindMethod("Encrypt");
        private static readonly MethodInfo DecryptMethod = FindMethod("Decrypt");
        private readonly object _instance;

        private PlatformAesGcm(object instance) { _instance = instance; }

        /// <summary>True when the runtime offers a usable platform AES-GCM.</summary>
        public static bool IsAvailable => Constructor != null && EncryptMethod != null && DecryptMethod != null && IsSupported();

        public static PlatformAesGcm TryCreate(byte[] key)
        {
            if (!IsAvailable) return null;
            try
            {
                var args = Constructor.GetParameters().Length == 2 ? new object[] { key, AesGcmCipher.TagSize } : new object[] { key };
                return new PlatformAesGcm(Constructor.Invoke(args));
            }
            catch (TargetInvocationException) { return null; }
            catch (PlatformNotSupportedException) { return null; }
        }

        public void Encrypt(byte[] nonce, byte[] plaintext, byte[] ciphertext, byte[] tag, byte[] associatedData)
        {
            try { EncryptMethod.Invoke(_instance, new object[] { nonce, plaintext, ciphertext, tag, associatedData }); }
            catch (TargetInvocationException ex) when (ex.InnerException != null) { throw ex.InnerException; }
        }

        /// <summary>False when the tag does not authenticate (the platform has then cleared the plaintext).</summary>
        public bool TryDecrypt(byte[] nonce, byte[] ciphertext, byte[] tag, byte[] plaintext, byte[] associatedData)
        {
            try
            {
                DecryptMethod.Invoke(_instance, new object[] { nonce, ciphertext, tag, plaintext, associatedData });
                return true;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is CryptographicException)
            {
                Array.Clear(plaintext, 0, plaintext.Length);
                return false;
            }
        }

        public void Dispose() => (_instance as IDisposable)?.Dispose();

        [return: DynamicallyAccessedMembers(UsedMembers)]
        private static Type FindType() =>
            Type.GetType("System.Security.Cryptography.AesGcm, System.Security.Cryptography", false)
            ?? Type.GetType("System.Security.Cryptography.AesGcm, System.Security.Cryptography.Algorithms", false);

        private static ConstructorInfo FindConstructor()
        {
            if (AesGcmType == null) return null;
            return AesGcmType.GetConstructor(new[] { typeof(byte[]), typeof(int) }) ?? AesGcmType.GetConstructor(new[] { typeof(byte[]) });
        }

        private static MethodInfo FindMethod(string name)
        {
            if (AesGcmType == null) return null;
            var b = typeof(byte[]);
            return AesGcmType.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, null, new[] { b, b, b, b, b }, null);
        }

        private static bool IsSupported()
        {
            var p = AesGcmType.GetProperty("IsSupported", BindingFlags.Public | BindingFlags.Static);
            return p == null || (bool)p.GetValue(null);
        }
    }
}
