// The guest's console: the runtime's DebugConsole sink. Bytes are collected per line and sent with one
// console_io(CONSOLEIO_write) hypercall per line once the hypercall page exists; before that each byte goes
// to the 0xE9 debug port, which the hypervisor also prints with the domain prefix.
namespace Xen.Guest.Kit;

internal static unsafe class GuestConsole
{
    private const int Capacity = 128;

#pragma warning disable CS0169, CS0649 // reached through a fixed-buffer pointer
    private static LineBuffer s_line;
#pragma warning restore CS0169, CS0649
    private static int s_length;

    private struct LineBuffer
    {
        internal fixed byte Bytes[Capacity];
    }

    /// <summary>The DebugConsole sink.</summary>
    internal static void Put(byte value)
    {
        if (!Xen.HasHypercallPage)
        {
            GuestCpu.OutByte(0xE9, value);
            return;
        }
        fixed (byte* line = s_line.Bytes)
        {
            line[s_length++] = value;
            if (value == (byte)'\n' || s_length == Capacity)
            {
                Xen.ConsoleWrite(line, s_length);
                s_length = 0;
            }
        }
    }
}
