// Why: commands read files (or stdin as "-") through a PipeReader with large buffers, so big images
// stream through in few, large reads.
using System;
using System.IO;
using System.IO.Pipelines;

namespace Xen.Stream.Cli;

/// <summary>Opens command inputs and outputs as pipes.</summary>
internal static class InputFile
{
    private const int BufferSize = 1 << 20;

    public static (PipeReader Reader, long Length, System.IO.Stream Stream) Open(string path)
    {
        System.IO.Stream s = path == "-" ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long length = s.CanSeek ? s.Length : 0;
        return (PipeReader.Create(s, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: BufferSize / 4, leaveOpen: false)), length, s);
    }

    public static (PipeWriter Writer, System.IO.Stream Stream) Create(string path)
    {
        System.IO.Stream s = path == "-" ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        return (PipeWriter.Create(s, new StreamPipeWriterOptions(minimumBufferSize: BufferSize, leaveOpen: true)), s);
    }
}
