/**
 * Checks of a clinic's MYMOP records that the generic table rules cannot make: scores within 0-6,
 * real ISO dates, and, per patient, one form per visit, a visit 1, dates that never go backwards
 * and one condition. Pure; every problem names file:line:column. Messages point at lines, never
 * repeat a patient's id.
 */
import type { Problem } from '../../errors.js';
import type { LoadedTable, Origin, Row } from '../evidence/table.js';
import { MYMOP_ITEMS, MYMOP_MAX } from './table.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD, or null. */
function isoDate(text: string): string | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? text : null;
}

interface Form {
  row: Row;
  origin: Origin;
  visit: number;
}

function place(origin: Origin, field: string): Omit<Problem, 'message'> {
  const column = origin.columns?.[field];
  return { file: origin.file, line: origin.line, ...(column === undefined ? {} : { column }), field };
}

const where = (origin: Origin): string => `${origin.file}:${origin.line}`;

function rowProblems(row: Row, origin: Origin): Problem[] {
  const problems: Problem[] = [];
  for (const item of MYMOP_ITEMS) {
    const score = row[item];
    if (typeof score === 'number' && score > MYMOP_MAX)
      problems.push({ ...place(origin, item), message: `a MYMOP score is a whole number from 0 to 6, got ${score}` });
  }
  const visit = row['visit'];
  if (typeof visit === 'number' && visit < 1)
    problems.push({
      ...place(origin, 'visit'),
      message: `visits are numbered from 1 (the first consultation), got ${visit}`,
    });
  const date = row['date'];
  if (typeof date === 'string' && isoDate(date) === null)
    problems.push({ ...place(origin, 'date'), message: `expected a date as YYYY-MM-DD (ISO 8601), got "${date}"` });
  return problems;
}

function patientProblems(forms: readonly Form[], rejected: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const byVisit = new Map<number, Form>();
  for (const form of forms) {
    const first = byVisit.get(form.visit);
    if (first)
      problems.push({
        ...place(form.origin, 'visit'),
        message: `visit ${form.visit} of this patient is already at ${where(first.origin)}; one form per visit`,
      });
    else byVisit.set(form.visit, form);
  }
  const ordered = [...byVisit.values()].sort((a, b) => a.visit - b.visit);
  const earliest = ordered[0];
  if (!earliest) return problems;
  // In a file with refused rows the missing visit 1 may be one of them: that error says enough.
  if (earliest.visit !== 1 && !forms.some((f) => rejected.has(f.origin.file)))
    problems.push({
      ...place(earliest.origin, 'visit'),
      message: `this patient has no visit 1 (the first consultation); the earliest form is visit ${earliest.visit}`,
    });
  let dated: Form | undefined;
  for (const form of ordered) {
    const date = form.row['date'];
    if (typeof date !== 'string' || isoDate(date) === null) continue;
    const previous = dated?.row['date'];
    if (dated && typeof previous === 'string' && date < previous)
      problems.push({
        ...place(form.origin, 'date'),
        message: `visit ${form.visit} is dated ${date}, before visit ${dated.visit} (${previous}, ${where(dated.origin)}): dates must not go backwards`,
      });
    dated = form;
  }
  const condition = earliest.row['condition'] ?? null;
  for (const form of ordered.slice(1)) {
    const other = form.row['condition'] ?? null;
    if (other !== condition)
      problems.push({
        ...place(form.origin, 'condition'),
        message: `${other === null ? 'empty' : `"${String(other)}"`} here but ${condition === null ? 'empty' : `"${String(condition)}"`} on visit ${earliest.visit} (${where(earliest.origin)}); one patient, one condition (give a new problem a new patient_id)`,
      });
  }
  return problems;
}

/**
 * Every problem of the loaded clinic records (all files together). `rejected`: files some of whose
 * rows were refused before (and so are missing here).
 */
export function clinicRecordProblems(table: LoadedTable, rejected: ReadonlySet<string> = new Set()): Problem[] {
  const problems: Problem[] = [];
  const patients = new Map<string, Form[]>();
  table.rows.forEach((row, i) => {
    const origin = table.origins[i];
    if (!origin) return;
    problems.push(...rowProblems(row, origin));
    const id = row['patient_id'];
    const visit = row['visit'];
    if (typeof id !== 'string' || typeof visit !== 'number') return;
    const forms = patients.get(id) ?? [];
    forms.push({ row, origin, visit });
    patients.set(id, forms);
  });
  for (const forms of patients.values()) problems.push(...patientProblems(forms, rejected));
  return problems;
}
