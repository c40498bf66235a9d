// Copies between hypervisor buffers and guest buffers named by guest-linear addresses (the pointers a guest
// passes in hypercall arguments: Xen's copy_from_guest/copy_to_guest). Each page is translated through the
// guest's own paging (the vCPU backend walks it) and then through the P2M; any hole is -EFAULT and nothing
// beyond the hole is touched. A partial copy can leave earlier pages written, as in Xen.
using System;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Core.Memory;

/// <summary>Guest-linear copy helpers for hypercall handlers.</summary>
public static class GuestAccess
{
    /// <summary>Copies <paramref name="destination"/>.Length bytes from guest address <paramref name="linear"/>; 0 or -EFAULT.</summary>
    public static int CopyFrom(Vcpu vcpu, ulong linear, Span<byte> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            ulong at = linear + (ulong)done;
            if (at < linear) return -XenErrno.EFAULT; // wrapped around the address space
            int chunk = PageChunk(at, destination.Length - done);
            if (!Translate(vcpu, at, write: false, out ulong gpa)) return -XenErrno.EFAULT;
            if (vcpu.Domain.P2m.Read(gpa, destination.Slice(done, chunk)) != 0) return -XenErrno.EFAULT;
            done += chunk;
        }
        return 0;
    }

    /// <summary>Copies <paramref name="source"/> to guest address <paramref name="linear"/>; 0 or -EFAULT.</summary>
    public static int CopyTo(Vcpu vcpu, ulong linear, ReadOnlySpan<byte> source)
    {
        int done = 0;
        while (done < source.Length)
        {
            ulong at = linear + (ulong)done;
            if (at < linear) return -XenErrno.EFAULT;
            int chunk = PageChunk(at, source.Length - done);
            if (!Translate(vcpu, at, write: true, out ulong gpa)) return -XenErrno.EFAULT;
            if (vcpu.Domain.P2m.Write(gpa, source.Slice(done, chunk)) != 0) return -XenErrno.EFAULT;
            done += chunk;
        }
        return 0;
    }

    /// <summary>Reads a little-endian 32-bit value; 0 or -EFAULT.</summary>
    public static unsafe int ReadUInt32(Vcpu vcpu, ulong linear, out uint value)
    {
        uint v = 0;
        int rc = CopyFrom(vcpu, linear, new Span<byte>(&v, 4));
        value = v;
        return rc;
    }

    private static bool Translate(Vcpu vcpu, ulong linear, bool write, out ulong gpa)
    {
        IVcpuBackend? backend = vcpu.Backend;
        if (backend is null) { gpa = 0; return false; } // a vCPU without arch state has no address space
        return backend.TryTranslateLinear(linear, write, out gpa);
    }

    private static int PageChunk(ulong at, int remaining)
    {
        ulong left = P2m.PageSize - (at & (P2m.PageSize - 1));
        return left < (ulong)remaining ? (int)left : remaining;
    }
}
