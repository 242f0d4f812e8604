using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// The peer addresses a receiver lets connect: single addresses (<c>10.1.2.3</c>, <c>fe80::1</c>) and networks in
    /// CIDR form (<c>10.1.2.0/24</c>). Empty lets every address in. IPv4-mapped IPv6 peers match their IPv4 entries.
    /// No host names: a name would make the decision depend on DNS.
    /// </summary>
    public sealed class PeerAddressFilter
    {
        private readonly List<(byte[] Network, int PrefixBits)> _entries;

        private PeerAddressFilter(List<(byte[], int)> entries, IReadOnlyList<string> text)
        {
            _entries = entries;
            Entries = text;
        }

        /// <summary>Lets every address in.</summary>
        public static readonly PeerAddressFilter Any = new PeerAddressFilter(new List<(byte[], int)>(), new string[0]);

        /// <summary>The entries as given (normalised), for banners and logs.</summary>
        public IReadOnlyList<string> Entries { get; }

        public bool AllowsAny => _entries.Count == 0;

        /// <summary>Parses the entries; throws <see cref="FormatException"/> naming the first bad one.</summary>
        public static PeerAddressFilter Parse(IEnumerable<string> entries)
        {
            var list = new List<(byte[], int)>();
            var text = new List<string>();
            foreach (string raw in entries ?? Enumerable.Empty<string>())
            {
                if (string.IsNullOrWhiteSpace(raw)) continue;
                string entry = raw.Trim();
                string addressPart = entry;
                int bits = -1;
                int slash = entry.IndexOf('/');
                if (slash >= 0)
                {
                    addressPart = entry.Substring(0, slash);
                    if (!int.TryParse(entry.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out bits))
                        throw new FormatException("allowed peer address '" + entry + "': the prefix length after '/' is not a number");
                }
                if (!IPAddress.TryParse(addressPart, out IPAddress address) || (address.AddressFamily != AddressFamily.InterNetwork && address.AddressFamily != AddressFamily.InterNetworkV6))
                    throw new FormatException("allowed peer address '" + entry + "' is not an IPv4 or IPv6 address (or address/prefix); host names are not accepted");
                address = AdmissionControl.Normalize(address);
                byte[] bytes = address.GetAddressBytes();
                int max = bytes.Length * 8;
                if (bits < 0) bits = max;
                if (bits > max) throw new FormatException("allowed peer address '" + entry + "': the prefix length must be 0.." + max);
                list.Add((Mask(bytes, bits), bits));
                text.Add(bits == max ? address.ToString() : new IPAddress(Mask(bytes, bits)) + "/" + bits.ToString(CultureInfo.InvariantCulture));
            }
            return list.Count == 0 ? Any : new PeerAddressFilter(list, text);
        }

        /// <summary>True when <paramref name="peer"/> may connect.</summary>
        public bool Allows(IPAddress peer)
        {
            if (_entries.Count == 0) return true;
            if (peer == null) return false;
            byte[] bytes = AdmissionControl.Normalize(peer).GetAddressBytes();
            foreach (var (network, bits) in _entries)
            {
                if (network.Length != bytes.Length) continue;
                byte[] masked = Mask(bytes, bits);
                bool same = true;
                for (int i = 0; i < masked.Length && same; i++) same = masked[i] == network[i];
                if (same) return true;
            }
            return false;
        }

        private static byte[] Mask(byte[] bytes, int bits)
        {
            var masked = new byte[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                int keep = Math.Max(0, Math.Min(8, bits - i * 8));
                masked[i] = (byte)(bytes[i] & (byte)(0xFF << (8 - keep)));
            }
            return masked;
        }
    }
}
