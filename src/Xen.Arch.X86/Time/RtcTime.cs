// Turning the CMOS real-time clock's registers (MC146818: seconds 0x00, minutes 0x02, hours 0x04, day 0x07,
// month 0x08, year 0x09, status B 0x0B; the ACPI FADT names the century register, 0x32 on PCs and QEMU) into
// seconds since the Unix epoch for the guests' wallclock (shared_info wc_sec). Status B bit 2 set = binary
// values, else BCD; bit 1 set = 24-hour mode, else 12-hour with bit 7 of the hour meaning PM. Pure, so it is
// tested hosted.
namespace Xen.Arch.X86.Time;

/// <summary>RTC register decoding and calendar arithmetic.</summary>
public static class RtcTime
{
    /// <summary>Status B: binary (not BCD) values.</summary>
    public const byte StatusBBinary = 1 << 2;
    /// <summary>Status B: 24-hour clock.</summary>
    public const byte StatusB24Hour = 1 << 1;

    /// <summary>A BCD byte's value (0x59 → 59).</summary>
    public static int FromBcd(byte value) => (value >> 4) * 10 + (value & 0xF);

    /// <summary>Seconds since 1970-01-01T00:00:00Z for the raw RTC registers, or -1 if they are out of range.
    /// <paramref name="century"/> 0 means "no century register" (years 00-69 → 20xx, 70-99 → 19xx).</summary>
    public static long ToUnixSeconds(byte second, byte minute, byte hour, byte day, byte month, byte year,
        byte century, byte statusB)
    {
        bool binary = (statusB & StatusBBinary) != 0;
        bool pm = (statusB & StatusB24Hour) == 0 && (hour & 0x80) != 0;
        int h = Value((byte)(hour & 0x7F), binary);
        if ((statusB & StatusB24Hour) == 0)
        {
            if (h == 12) h = 0;
            if (pm) h += 12;
        }
        int s = Value(second, binary), m = Value(minute, binary), d = Value(day, binary), mo = Value(month, binary);
        int y = Value(year, binary);
        int c = century == 0 ? (y < 70 ? 20 : 19) : Value(century, binary);
        if (s > 59 || m > 59 || h > 23 || d < 1 || d > 31 || mo < 1 || mo > 12 || y > 99) return -1;
        return DaysFromCivil(c * 100 + y, mo, d) * 86400L + h * 3600L + m * 60L + s;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).</summary>
    public static long DaysFromCivil(int year, int month, int day)
    {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097L + dayOfEra - 719468;
    }

    private static int Value(byte raw, bool binary) => binary ? raw : FromBcd(raw);
}
