// A per-domain emulated PL011 UART (Xen's vpl011: an SBSA-style subset of the Arm PL011, PrimeCell UART
// TRM DDI 0183G §3.2-3.3) at GUEST_PL011_BASE 0x22000000, size GUEST_PL011_SIZE 0x1000 (xen/include/public/
// arch-arm.h). Transmit goes to the domain's console, line-buffered with the "(d<domid>) " prefix; there is
// no input yet, so the receive FIFO is always empty. The transmit FIFO is always empty too (writes complete
// at once), which is what polling drivers wait for. Registers accept 8/16/32-bit accesses at their
// word-aligned offsets, like the hardware; the identification registers read as a PL011 r1p5.
// Interrupt: UARTINTR = OR of the masked status (MIS = RIS & IMSC, DDI 0183G §3.4) drives GUEST_VPL011_SPI 32
// (arch-arm.h), level-sensitive, through the domain's vGIC; with the transmit interrupt always raised, a
// driver that unmasks TXIM gets interrupts until it masks it again (what interrupt-driven TX expects).
using Xen.Arch.Arm.Virtualization.Gic;
using Xen.Core.Domains;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Emulated PL011 for one domain.</summary>
public sealed class Vpl011 : IMmioDevice
{
    /// <summary>GUEST_PL011_BASE (arch-arm.h).</summary>
    public const ulong GuestBase = 0x22000000;
    /// <summary>GUEST_PL011_SIZE (arch-arm.h).</summary>
    public const ulong GuestSize = 0x1000;

    /// <summary>Register offsets (DDI 0183G Table 3-1).</summary>
    public const ulong DR = 0x000, RSR = 0x004, FR = 0x018, IBRD = 0x024, FBRD = 0x028, LCR_H = 0x02C, CR = 0x030,
        IFLS = 0x034, IMSC = 0x038, RIS = 0x03C, MIS = 0x040, ICR = 0x044, DMACR = 0x048, PeriphId0 = 0xFE0, CellId0 = 0xFF0;

    /// <summary>FR bits: TXFE (7) transmit FIFO empty, RXFE (4) receive FIFO empty (DDI 0183G §3.3.3).</summary>
    public const uint FlagTxEmpty = 1 << 7, FlagRxEmpty = 1 << 4;

    /// <summary>RIS bit 5 TXRIS: transmit interrupt (FIFO at or below its level: always, output never waits).</summary>
    public const uint TxInterrupt = 1 << 5;

    /// <summary>RIS bits 4 RXRIS (receive) and 6 RTRIS (receive timeout): both stand for "input waiting" here;
    /// Linux's driver unmasks both and drains the FIFO on either (DDI 0183G §3.3.12).</summary>
    public const uint RxInterrupts = 1 << 4 | 1 << 6;

    /// <summary>FR bit 6 RXFF: receive FIFO full.</summary>
    public const uint FlagRxFull = 1 << 6;

    // The receive FIFO: 32 entries as the PL011's; input beyond that waits in the host UART.
    private const int RxCapacity = 32;
    private readonly byte[] _rx = new byte[RxCapacity];
    private int _rxHead, _rxCount;

    // UARTPeriphID0-3 = 0x11, 0x10, 0x14 (revision 1, designer 0x41 'A'), 0x00; UARTPCellID0-3 = 0x0D, 0xF0,
    // 0x05, 0xB1 (DDI 0183G §3.3.14-3.3.15).
    private static readonly byte[] s_ids = { 0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1 };

    private uint _ibrd, _fbrd, _lcrH, _ifls = 0x12, _imsc, _dmacr;
    // CR reset value: TXE (8) and RXE (9) set, UARTEN (0) clear (DDI 0183G §3.3.8).
    private uint _cr = 0x300;

    /// <summary>The vGIC the interrupt line goes to (null: no interrupt, as before the vGIC existed).</summary>
    public Vgic? Interrupts { get; set; }

    /// <summary>Bytes the guest transmitted.</summary>
    public ulong BytesTransmitted { get; private set; }

    /// <inheritdoc />
    public bool Read(Vcpu vcpu, ulong offset, int size, out ulong value)
    {
        value = 0;
        if (size > 4) return false;
        ulong register = offset & ~3UL;
        uint word;
        if (register >= PeriphId0 && register < PeriphId0 + 32) word = s_ids[(int)((register - PeriphId0) / 4)];
        else
        {
            switch (register)
            {
                case DR: word = Pop(); break;
                case RSR: word = 0; break;
                case FR: word = FlagTxEmpty | (_rxCount == 0 ? FlagRxEmpty : 0) | (_rxCount == RxCapacity ? FlagRxFull : 0); break;
                case IBRD: word = _ibrd; break;
                case FBRD: word = _fbrd; break;
                case LCR_H: word = _lcrH; break;
                case CR: word = _cr; break;
                case IFLS: word = _ifls; break;
                case IMSC: word = _imsc; break;
                case RIS: word = RawStatus; break;
                case MIS: word = RawStatus & _imsc; break;
                case DMACR: word = _dmacr; break;
                case ICR: word = 0; break;
                default: return false;
            }
        }
        value = (word >> (int)((offset & 3) * 8)) & SizeMask(size);
        return true;
    }

    /// <inheritdoc />
    public bool Write(Vcpu vcpu, ulong offset, int size, ulong value)
    {
        if (size > 4) return false;
        uint word = (uint)(value & SizeMask(size));
        switch (offset & ~3UL)
        {
            case DR:
                BytesTransmitted++;
                vcpu.Domain.Console.Put((byte)word);
                return true;
            case RSR: case ICR: return true; // clear errors / interrupts: nothing latched
            case IBRD: _ibrd = word & 0xFFFF; return true;
            case FBRD: _fbrd = word & 0x3F; return true;
            case LCR_H: _lcrH = word & 0xFF; return true;
            case CR: _cr = word & 0xFFFF; return true;
            case IFLS: _ifls = word & 0x3F; return true;
            case IMSC:
                _imsc = word & 0x7FF;
                UpdateLine();
                return true;
            case DMACR: _dmacr = word & 7; return true;
            case FR: case RIS: case MIS: return true; // read-only: writes ignored
            default: return false;
        }
    }

    /// <summary>True while the guest listens for input (receive interrupts unmasked): such a domain is waiting
    /// for a person, not blocked forever.</summary>
    public bool WantsInput => (_imsc & RxInterrupts) != 0;

    /// <summary>True when the receive FIFO can take another byte.</summary>
    public bool CanReceive => _rxCount < RxCapacity;

    /// <summary>Queues one byte typed on the console for the guest and raises its receive interrupt.</summary>
    public void Receive(byte value)
    {
        if (_rxCount == RxCapacity) return;
        _rx[(_rxHead + _rxCount) % RxCapacity] = value;
        _rxCount++;
        UpdateLine();
    }

    private uint RawStatus => TxInterrupt | (_rxCount != 0 ? RxInterrupts : 0);

    private uint Pop()
    {
        if (_rxCount == 0) return 0;
        byte value = _rx[_rxHead];
        _rxHead = (_rxHead + 1) % RxCapacity;
        _rxCount--;
        UpdateLine();
        return value;
    }

    // SPI 32 is level-sensitive: asserted while any unmasked status bit is set.
    private void UpdateLine() => Interrupts?.SetLevel(0, Vgic.Vpl011Spi, (RawStatus & _imsc) != 0);

    private static ulong SizeMask(int size) => size >= 8 ? ~0UL : (1UL << (size * 8)) - 1;
}
