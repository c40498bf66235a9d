using Xen.Arch.Arm.Virtualization;

namespace Xen.Arch.Arm.Tests.Virtualization;

public sealed class Vpl011Tests
{
    [Fact]
    public void Flags_say_transmit_empty_and_receive_empty()
    {
        using var v = new TestVcpu();
        var uart = new Vpl011();
        Assert.True(uart.Read(v.Vcpu, Vpl011.FR, 4, out ulong fr));
        Assert.Equal((ulong)(Vpl011.FlagTxEmpty | Vpl011.FlagRxEmpty), fr);
        Assert.True(uart.Read(v.Vcpu, Vpl011.FR, 1, out ulong frByte));
        Assert.Equal(0x90UL, frByte);
    }

    [Fact]
    public void Data_register_writes_become_prefixed_console_lines()
    {
        using var v = new TestVcpu();
        var uart = new Vpl011();
        foreach (char c in "Test result: SUCCESS\n") Assert.True(uart.Write(v.Vcpu, Vpl011.DR, 4, c));
        Assert.Equal("(d1) Test result: SUCCESS\n", v.Console.Text);
        Assert.Equal(21UL, uart.BytesTransmitted);
    }

    [Fact]
    public void Identification_registers_read_as_a_pl011()
    {
        using var v = new TestVcpu();
        var uart = new Vpl011();
        byte[] expected = { 0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1 };
        for (int i = 0; i < 8; i++)
        {
            Assert.True(uart.Read(v.Vcpu, Vpl011.PeriphId0 + (ulong)i * 4, 4, out ulong id));
            Assert.Equal(expected[i], id);
        }
    }

    [Fact]
    public void Control_registers_keep_their_values_and_interrupt_mask_filters_mis()
    {
        using var v = new TestVcpu();
        var uart = new Vpl011();
        Assert.True(uart.Read(v.Vcpu, Vpl011.CR, 4, out ulong cr));
        Assert.Equal(0x300UL, cr);
        Assert.True(uart.Write(v.Vcpu, Vpl011.CR, 4, 0x301));
        Assert.True(uart.Write(v.Vcpu, Vpl011.IBRD, 4, 0x1_0027));
        Assert.True(uart.Read(v.Vcpu, Vpl011.IBRD, 4, out ulong ibrd));
        Assert.Equal(0x27UL, ibrd);
        Assert.True(uart.Read(v.Vcpu, Vpl011.MIS, 4, out ulong mis));
        Assert.Equal(0UL, mis);
        Assert.True(uart.Write(v.Vcpu, Vpl011.IMSC, 4, Vpl011.TxInterrupt));
        Assert.True(uart.Read(v.Vcpu, Vpl011.MIS, 4, out mis));
        Assert.Equal((ulong)Vpl011.TxInterrupt, mis);
    }

    [Fact]
    public void Unknown_offsets_and_wide_accesses_are_rejected()
    {
        using var v = new TestVcpu();
        var uart = new Vpl011();
        Assert.False(uart.Read(v.Vcpu, 0x800, 4, out _));
        Assert.False(uart.Write(v.Vcpu, 0x800, 4, 0));
        Assert.False(uart.Read(v.Vcpu, Vpl011.DR, 8, out _));
    }

    [Fact]
    public void Bus_finds_the_window_and_refuses_overlaps()
    {
        var bus = new MmioBus();
        var uart = new Vpl011();
        Assert.True(bus.Add(Vpl011.GuestBase, Vpl011.GuestSize, uart));
        Assert.False(bus.Add(Vpl011.GuestBase + 0x800, 0x1000, uart));
        Assert.Same(uart, bus.Find(Vpl011.GuestBase + 0x18, out ulong offset));
        Assert.Equal(0x18UL, offset);
        Assert.Null(bus.Find(Vpl011.GuestBase + Vpl011.GuestSize, out _));
        Assert.Null(bus.Find(Vpl011.GuestBase - 1, out _));
    }

    [Fact]
    public void Unmasking_the_transmit_interrupt_raises_spi_32_until_it_is_masked_again()
    {
        using var v = new TestVcpu();
        Xen.Arch.Arm.Virtualization.Gic.Vgic vgic = v.Mmio.Vgic;
        Assert.True(v.Mmio.Uart.Write(v.Vcpu, Vpl011.IMSC, 4, Vpl011.TxInterrupt));
        Assert.True(vgic.Line(0, 32).Asserted);
        Assert.True(vgic.IsPending(0, 32));
        Assert.True(v.Mmio.Uart.Write(v.Vcpu, Vpl011.IMSC, 4, 0));
        Assert.False(vgic.Line(0, 32).Asserted);
        Assert.False(vgic.IsPending(0, 32));
    }

    [Fact]
    public void Typed_bytes_come_out_of_DR_in_order_with_receive_flags_and_the_line_while_unmasked()
    {
        using var v = new TestVcpu();
        var uart = new Vpl011();
        Assert.False(uart.WantsInput);
        Assert.True(uart.Write(v.Vcpu, Vpl011.IMSC, 4, Vpl011.RxInterrupts));
        Assert.True(uart.WantsInput);
        foreach (char c in "ls\n") uart.Receive((byte)c);
        Assert.True(uart.Read(v.Vcpu, Vpl011.FR, 4, out ulong fr));
        Assert.Equal(0UL, fr & Vpl011.FlagRxEmpty);
        Assert.True(uart.Read(v.Vcpu, Vpl011.MIS, 4, out ulong mis));
        Assert.Equal((ulong)Vpl011.RxInterrupts, mis);
        var got = new List<char>();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(uart.Read(v.Vcpu, Vpl011.DR, 4, out ulong dr));
            got.Add((char)dr);
        }
        Assert.Equal("ls\n", new string(got.ToArray()));
        Assert.True(uart.Read(v.Vcpu, Vpl011.FR, 4, out fr));
        Assert.NotEqual(0UL, fr & Vpl011.FlagRxEmpty);
        Assert.True(uart.Read(v.Vcpu, Vpl011.MIS, 4, out mis));
        Assert.Equal(0UL, mis); // TX interrupt masked, nothing left to receive
        Assert.True(uart.Read(v.Vcpu, Vpl011.DR, 4, out ulong empty));
        Assert.Equal(0UL, empty);
    }

    [Fact]
    public void The_receive_fifo_holds_32_bytes_and_reports_full()
    {
        using var v = new TestVcpu();
        var uart = new Vpl011();
        for (int i = 0; i < 40; i++) uart.Receive((byte)i);
        Assert.False(uart.CanReceive);
        Assert.True(uart.Read(v.Vcpu, Vpl011.FR, 4, out ulong fr));
        Assert.NotEqual(0UL, fr & Vpl011.FlagRxFull);
        for (int i = 0; i < 32; i++)
        {
            Assert.True(uart.Read(v.Vcpu, Vpl011.DR, 4, out ulong dr));
            Assert.Equal((ulong)i, dr); // bytes past the 32nd were refused, not overwritten
        }
    }
}
