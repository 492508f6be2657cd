/** Plain words for the system errors a write can meet (Node 20 has no util.getSystemErrorMessage). */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EBADF: 'bad file descriptor',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EPERM: 'operation not permitted',
  EACCES: 'permission denied',
  ENXIO: 'no such device or address',
  EPIPE: 'broken pipe (the reader has gone)',
};

/** "no space left on device" for ENOSPC; an unknown code as itself; not an errno error as its text. */
export function writeErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return REASONS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}
