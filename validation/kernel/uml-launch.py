#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Start User-Mode Linux so that it survives on hosts with large XSAVE areas.

Usage: uml-launch.py linux.uml <kernel arguments...>

Why: Debian's UML 6.1 saves and restores a user process's FPU state with
ptrace(PTRACE_GETREGSET/SETREGSET, NT_X86_XSTATE) using a fixed 832-byte buffer.
On a host whose XSAVE area is larger (AVX-512, AMX), the host kernel refuses the
SETREGSET (EFAULT) and UML panics at the first user process ("userspace - ptrace
set fp regs failed, errno = 14").  UML probes for that interface once at boot
(arch_init_registers) and falls back to PTRACE_GETFPREGS/SETFPREGS (the legacy
512-byte FXSAVE area) when the probe fails.  This script installs a seccomp filter
that makes exactly that probe fail (ptrace(PTRACE_GETREGSET, ..., NT_X86_XSTATE)
returns EIO) and then execs UML, which inherits the filter.

The fallback keeps x87/SSE state but not AVX/AVX-512 state across page faults, so
the guest must not run AVX code: guest-init.sh sets GLIBC_TUNABLES to turn those
CPU features off for every guest process.
"""

import ctypes
import os
import struct
import sys

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
AUDIT_ARCH_X86_64 = 0xC000003E
NR_PTRACE = 101
PTRACE_GETREGSET = 0x4204
NT_X86_XSTATE = 0x202
EIO = 5

# Classic BPF opcodes.
LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
RET_K = 0x06  # BPF_RET | BPF_K
RET_ALLOW = 0x7FFF0000  # SECCOMP_RET_ALLOW
RET_ERRNO = 0x00050000  # SECCOMP_RET_ERRNO

# Offsets in struct seccomp_data: nr, arch, instruction_pointer, args[6].
OFF_NR, OFF_ARCH, OFF_ARG0, OFF_ARG2 = 0, 4, 16, 32


def insn(code, jt, jf, k):
    """One struct sock_filter."""
    return struct.pack("=HBBI", code, jt, jf, k)


def filter_program():
    """ptrace(PTRACE_GETREGSET, pid, NT_X86_XSTATE, ...) -> EIO; all else allowed.

    Jump offsets count from the next instruction; index 8 is ALLOW, 9 is ERRNO.
    Only the low 32 bits of each argument are compared (enough for these values).
    """
    return b"".join(
        [
            insn(LD_W_ABS, 0, 0, OFF_ARCH),  # 0
            insn(JEQ_K, 0, 6, AUDIT_ARCH_X86_64),  # 1: other arch -> allow
            insn(LD_W_ABS, 0, 0, OFF_NR),  # 2
            insn(JEQ_K, 0, 4, NR_PTRACE),  # 3: not ptrace -> allow
            insn(LD_W_ABS, 0, 0, OFF_ARG0),  # 4: request
            insn(JEQ_K, 0, 2, PTRACE_GETREGSET),  # 5
            insn(LD_W_ABS, 0, 0, OFF_ARG2),  # 6: addr = regset type
            insn(JEQ_K, 1, 0, NT_X86_XSTATE),  # 7: match -> errno
            insn(RET_K, 0, 0, RET_ALLOW),  # 8
            insn(RET_K, 0, 0, RET_ERRNO | EIO),  # 9
        ]
    )


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: uml-launch.py linux.uml <kernel arguments...>")
    if os.uname().machine != "x86_64":
        os.execvp(sys.argv[1], sys.argv[1:])  # the filter is x86-64 specific
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    prog = filter_program()
    buf = ctypes.create_string_buffer(prog, len(prog))
    fprog = SockFprog(len(prog) // 8, ctypes.cast(buf, ctypes.c_void_p))
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
        sys.exit("uml-launch: PR_SET_NO_NEW_PRIVS: " + os.strerror(ctypes.get_errno()))
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(fprog), 0, 0) != 0:
        sys.exit("uml-launch: seccomp filter: " + os.strerror(ctypes.get_errno()))
    os.execvp(sys.argv[1], sys.argv[1:])


if __name__ == "__main__":
    main()
