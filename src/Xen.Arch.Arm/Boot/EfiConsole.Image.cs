// The console while UEFI boot services run: the firmware owns the UART (its own output and input go through
// it), so we print through EFI_SYSTEM_TABLE.ConOut (+64), EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL.OutputString (+8)
// (UEFI 2.x §12.4), which takes a NUL-terminated UCS-2 string. One call per byte is slow but only a few
// lines are printed before ExitBootServices, after which boot switches to the PL011.
namespace Xen.Arch.Arm.Boot;

internal static unsafe class EfiConsole
{
    private static byte* s_conOut;

    internal static void Attach(byte* systemTable) => s_conOut = *(byte**)(systemTable + 64);

    /// <summary>DebugConsole sink: LF becomes CR LF, as terminals expect.</summary>
    internal static void Write(byte value)
    {
        if (s_conOut == null) return;
        var outputString = (delegate* unmanaged<byte*, char*, ulong>)(*(void**)(s_conOut + 8));
        char* text = stackalloc char[3];
        int n = 0;
        if (value == (byte)'\n') text[n++] = '\r';
        text[n++] = (char)value;
        text[n] = '\0';
        outputString(s_conOut, text);
    }
}
