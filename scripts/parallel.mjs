// Runs shell command lines side by side and fails if any fails: on two cores the type checker and
// eslint (each single-threaded) take one core each. Each line's output is printed whole when it ends.
import { spawn } from 'node:child_process';

const codes = await Promise.all(
  process.argv.slice(2).map(
    (line) =>
      new Promise((resolve) => {
        const child = spawn(line, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => {
          process.stdout.write(`> ${line}\n${out}`);
          resolve(code ?? 1);
        });
      }),
  ),
);
process.exitCode = codes.some((c) => c !== 0) ? 1 : 0;
