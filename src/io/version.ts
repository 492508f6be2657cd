/** The package version: baked into the bundle by the build, read from package.json when run from sources. */
import { readFileSync } from 'node:fs';

declare const __ACU_VERSION__: string | undefined;

function fromPackageJson(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0';
}

export const VERSION: string = typeof __ACU_VERSION__ === 'string' ? __ACU_VERSION__ : fromPackageJson();
