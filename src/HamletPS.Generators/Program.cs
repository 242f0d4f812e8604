using System;

namespace HamletPS.Generators
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.Error.WriteLine("usage: hamlet-gen <generator> [options]");
            return 2;
        }
    }
}
