namespace HamletPS.Core.Security
{
    /// <summary>Options for a new re-identification vault.</summary>
    public sealed class VaultOptions
    {
        /// <summary>
        /// Windows only: additionally protect every payload with DPAPI (CryptProtectData) before sealing, so the vault opens only
        /// with the site key AND on this Windows account (or machine, see <see cref="DataProtectionLocalMachine"/>).
        /// </summary>
        public bool UseWindowsDataProtection { get; set; }

        /// <summary>With DPAPI: protect for the local machine instead of the current user.</summary>
        public bool DataProtectionLocalMachine { get; set; }
    }
}
