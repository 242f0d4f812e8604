using System;
using System.Security.Cryptography;

namespace HamletPS.Core.Security
{
    /// <summary>The raw AES block function (ECB, no padding) that FF1 and GCM are built on. Not thread-safe: one per operation or lock.</summary>
    internal sealed class AesBlockCipher : IDisposable
    {
        public const int BlockSize = 16;
        private readonly Aes _aes;
        private readonly ICryptoTransform _encryptor;

        public AesBlockCipher(byte[] key)
        {
            if (key == null) throw new ArgumentNullException(nameof(key));
            if (key.Length != 16 && key.Length != 24 && key.Length != 32)
                throw new ArgumentException("An AES key is 16, 24 or 32 bytes long.", nameof(key));
            _aes = Aes.Create();
            #pragma warning disable CA5358 // single 16-byte blocks: the CIPH of FF1 (NIST SP 800-38G), never a message mode
            _aes.Mode = CipherMode.ECB;
            #pragma warning restore CA5358
            _aes.Padding = PaddingMode.None;
            _aes.Key = key;
            _encryptor = _aes.CreateEncryptor();
        }

        /// <summary>Encrypts <paramref name="count"/> bytes (a multiple of 16) block by block.</summary>
        public void EncryptBlocks(byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            if (count % BlockSize != 0) throw new ArgumentException("ECB input must be whole blocks.", nameof(count));
            if (count == 0) return;
            int written = _encryptor.TransformBlock(input, inputOffset, count, output, outputOffset);
            if (written != count) throw new CryptographicException("The AES transform returned a short block.");
        }

        public void EncryptBlock(byte[] input, byte[] output) => EncryptBlocks(input, 0, BlockSize, output, 0);

        public void Dispose()
        {
            _encryptor.Dispose();
            _aes.Dispose();
        }
    }
}
