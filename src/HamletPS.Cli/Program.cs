using System;

namespace HamletPS.Cli
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.WriteLine("hamlet " + HamletPS.Core.ProductInfo.Version);
            return 0;
        }
    }
}
