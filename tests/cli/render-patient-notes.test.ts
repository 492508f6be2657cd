/**
 * A patient-level file in an evidence block (review finding 7): the loader's note names the file as the
 * block's data= does, from the document's folder, whichever folder render runs in; no absolute path
 * reaches the document, and the note is not "Note: note:".
 */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/run-cli.js';

const PATIENTS = path.join(REPO, 'tests/fixtures/ipd/patients.csv');
const BLOCK = '<!-- acu-evidence meta data=trial/patients.csv measure=MD -->\n<!-- /acu-evidence -->\n';

describe('a patient file in an evidence block', () => {
  it('is named from the document in the note, the same from any working folder', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'acu-patient-note-'));
    const dir = path.join(root, 'post');
    await mkdir(path.join(dir, 'trial'), { recursive: true });
    await copyFile(PATIENTS, path.join(dir, 'trial', 'patients.csv'));
    const doc = path.join(dir, 'doc.md');
    await writeFile(doc, `# Trial\n\n${BLOCK}`);

    // From the repository (the document outside it, named by its absolute path).
    expect((await runCli(['render', doc])).code).toBe(0);
    const fromRepo = await readFile(doc, 'utf8');
    // 83 patient rows of 5 studies; 7 have no follow-up (tests/fixtures/ipd/README.md).
    expect(fromRepo).toContain(
      '- Note: trial/patients.csv: 83 patient rows aggregated per study and arm (5 studies); 7 without a change from baseline left out of it\n',
    );
    expect(fromRepo).not.toContain(root);
    expect(fromRepo).not.toMatch(/note: note:/i);

    // From the folder above the document, and from the document's own folder: the same bytes.
    await writeFile(doc, `# Trial\n\n${BLOCK}`);
    expect((await runCli(['render', 'post/doc.md'], { cwd: root })).code).toBe(0);
    expect(await readFile(doc, 'utf8')).toBe(fromRepo);
    expect((await runCli(['render', '--check', 'doc.md'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['render', '--check', doc], { cwd: '/' })).code).toBe(0);
  });
});
