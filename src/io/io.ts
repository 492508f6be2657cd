/** The process seen by the CLI, injected so that tests can run it in-process. */
export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Reads all of standard input: bytes (decoded and checked as a file's are), or text already decoded. */
  readStdin(): Promise<string | Uint8Array>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}
