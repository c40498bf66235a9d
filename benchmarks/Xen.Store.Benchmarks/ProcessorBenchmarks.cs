// Why: the cost of the core state machine per request, without any transport: READ, WRITE,
// DIRECTORY of a node with 1,000 children, and a read-modify-write transaction (4 requests).
using BenchmarkDotNet.Attributes;
using Xen.Store.Processing;
using Xen.Store.Wire;

namespace Xen.Store.Benchmarks;

/// <summary>Request processor throughput.</summary>
[MemoryDiagnoser]
public class ProcessorBenchmarks
{
    private readonly byte[] _output = new byte[64 * 1024];
    private XenStoreServer _server = null!;
    private XsConnection _connection = null!;
    private byte[] _read = null!;
    private byte[] _write = null!;
    private byte[] _directory = null!;
    private byte[] _start = null!;

    /// <summary>Builds a store with /bench/value and /bench/dir holding 1,000 children.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _server = new XenStoreServer();
        _connection = _server.Connect();
        for (int i = 0; i < 1000; i++)
        {
            Run(Message(XsMessageType.Mkdir, 0, Ascii("/bench/dir/" + i + "\0")));
        }

        Run(Message(XsMessageType.Write, 0, Ascii("/bench/value\0hello")));
        _read = Message(XsMessageType.Read, 0, Ascii("/bench/value\0"));
        _write = Message(XsMessageType.Write, 0, Ascii("/bench/value\0world"));
        _directory = Message(XsMessageType.Directory, 0, Ascii("/bench/dir\0"));
        _start = Message(XsMessageType.TransactionStart, 0, new byte[] { 0 });
    }

    /// <summary>One READ.</summary>
    [Benchmark]
    public int Read() => Run(_read);

    /// <summary>One WRITE of an existing node.</summary>
    [Benchmark]
    public int Write() => Run(_write);

    /// <summary>One DIRECTORY of 1,000 children.</summary>
    [Benchmark]
    public int Directory() => Run(_directory);

    /// <summary>TRANSACTION_START, READ, WRITE, TRANSACTION_END(T).</summary>
    [Benchmark]
    public int Transaction()
    {
        _server.Feed(_connection, _start);
        int n = _connection.TakeOutput(_output);
        uint id = 0;
        for (int i = 16; i < n && _output[i] != 0; i++)
        {
            id = id * 10 + (uint)(_output[i] - '0');
        }

        Run(Message(XsMessageType.Read, id, Ascii("/bench/value\0")));
        Run(Message(XsMessageType.Write, id, Ascii("/bench/value\0tx")));
        return Run(Message(XsMessageType.TransactionEnd, id, new byte[] { (byte)'T', 0 }));
    }

    private int Run(byte[] message)
    {
        _server.Feed(_connection, message);
        return _connection.TakeOutput(_output);
    }

    private static byte[] Message(XsMessageType type, uint tx, byte[] payload)
    {
        byte[] m = new byte[16 + payload.Length];
        new XsHeader((uint)type, 1, tx, (uint)payload.Length).Write(m);
        payload.CopyTo(m, 16);
        return m;
    }

    private static byte[] Ascii(string s)
    {
        byte[] b = new byte[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            b[i] = (byte)s[i];
        }

        return b;
    }
}
