using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace HamletPS.Core.Network
{
    /// <summary>The machine's IPv4 addresses other machines can use to reach a listener here (for the "connect to" banner).</summary>
    public static class LocalAddresses
    {
        /// <summary>IPv4 addresses of the interfaces that are up, loopback last (it is always listed, for tests on this machine).</summary>
        public static IReadOnlyList<string> IPv4()
        {
            var list = new List<string>();
            try
            {
                foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
                {
                    if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
                    foreach (UnicastIPAddressInformation address in nic.GetIPProperties().UnicastAddresses)
                    {
                        IPAddress ip = address.Address;
                        if (ip.AddressFamily != AddressFamily.InterNetwork || IPAddress.IsLoopback(ip)) continue;
                        byte[] b = ip.GetAddressBytes();
                        if (b[0] == 169 && b[1] == 254) continue; // link-local: not routable
                        list.Add(ip.ToString());
                    }
                }
            }
            catch (NetworkInformationException)
            {
            }
            catch (PlatformNotSupportedException)
            {
            }
            list.Add(IPAddress.Loopback.ToString());
            return list.Distinct().ToList();
        }
    }
}
