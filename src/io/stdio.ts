/**
 * The process's stdout and stderr as the CLI writes them. Node's process.stdout loads its stream
 * modules (a few milliseconds of every start) even where it then writes synchronously, as it does
 * on Linux for files and pipes: so a file, a pipe or a socket, and on Linux the memory devices
 * (/dev/null and its kin, major number 1, which are never terminals), are written with writeSync
 * instead. A terminal, any other device, or a descriptor that refuses a synchronous write (EAGAIN
 * on a non-blocking pipe) gets Node's own stream, from then on.
 */
import { fstatSync, readFileSync, writeSync } from 'node:fs';

interface Stdio {
  write(text: string): boolean;
  readonly isTTY: boolean | undefined;
  readonly columns: number | undefined;
}

/** Linux encodes a device number's major part in bits 8–19 (and above 32, for large majors). */
const LINUX_MEMORY_DEVICES = 1;

function writesDirectly(fd: number): boolean {
  try {
    const info = fstatSync(fd);
    if (info.isFile() || info.isFIFO() || info.isSocket()) return true;
    return process.platform === 'linux' && info.isCharacterDevice() && info.rdev >> 8 === LINUX_MEMORY_DEVICES;
  } catch {
    return false;
  }
}

/** /dev/null's device number on Linux (major 1, minor 3). */
const LINUX_DEV_NULL = (1 << 8) | 3;

/** Whether the descriptor is /dev/null opened read-write (its access mode in /proc/self/fdinfo is O_RDWR, 2). */
function readWriteNull(fd: number): boolean {
  try {
    if (fstatSync(fd).rdev !== LINUX_DEV_NULL) return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & 3) === 2;
  } catch {
    return false;
  }
}

/**
 * Whether stdout was closed by the shell (`>&-`). Node reopens a closed stdio descriptor on
 * /dev/null, read-write, before any script runs, so the write that would fail with EBADF succeeds
 * into nothing; a shell's `>/dev/null` opens it write-only. A process whose stdin, stdout and stderr
 * all are read-write /dev/null (a daemon's child: daemon(3) does that) is left alone. Linux only.
 */
function closedStdout(fd: number): boolean {
  if (process.platform !== 'linux' || fd !== 1 || !readWriteNull(1)) return false;
  return !(readWriteNull(0) && readWriteNull(2));
}

/**
 * stdout (fd 1) or stderr (fd 2). `onError` gets what the stream or a write raised (EPIPE when the
 * reader has gone).
 */
export function stdio(fd: 1 | 2, onError: (error: NodeJS.ErrnoException) => void): Stdio {
  let stream: NodeJS.WriteStream | undefined;
  const nodeStream = (): NodeJS.WriteStream => {
    if (!stream) {
      stream = fd === 1 ? process.stdout : process.stderr;
      stream.on('error', onError);
    }
    return stream;
  };
  let direct = writesDirectly(fd);
  const closed = closedStdout(fd);
  return {
    write(text: string): boolean {
      if (closed) {
        onError(Object.assign(new Error('EBADF: bad file descriptor, write'), { code: 'EBADF', syscall: 'write' }));
        return false;
      }
      if (!direct) return nodeStream().write(text);
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      try {
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
          onError(error as NodeJS.ErrnoException);
          return false;
        }
        direct = false;
        return nodeStream().write(bytes.subarray(offset));
      }
      return true;
    },
    get isTTY() {
      return direct ? false : nodeStream().isTTY;
    },
    get columns() {
      return direct ? undefined : nodeStream().columns;
    },
  };
}
