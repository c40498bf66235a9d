// Why a kernel image was rejected. The ELF comes from outside (a boot module, later a toolstack), so every
// malformation is a value, never an exception or an out-of-bounds read.
namespace Xen.Core.Domains.Builder;

/// <summary>ELF kernel parse results.</summary>
public enum ElfError
{
    /// <summary>Parsed.</summary>
    None = 0,
    /// <summary>Shorter than an ELF header, or bad magic.</summary>
    NotElf,
    /// <summary>Not ELFCLASS32/64 little-endian, or not EM_386/EM_X86_64.</summary>
    Unsupported,
    /// <summary>Program headers missing or outside the file.</summary>
    BadProgramHeaders,
    /// <summary>A PT_LOAD's file bytes are outside the file, or filesz &gt; memsz, or its range wraps.</summary>
    BadSegment,
    /// <summary>No PT_LOAD segments, or more than the builder handles.</summary>
    NoSegments,
    /// <summary>A Xen note is malformed (sizes past the segment).</summary>
    BadNote,
}
