/** The adverse-events table (adverse-events.csv). */
import { NOTE, SEEN_AT, SOURCE, boolean, integer, number, oneOf, text } from '../columns.js';
import type { Table } from '../types.js';

export const ADVERSE_EVENTS: Table = {
  name: 'adverse-events',
  file: 'adverse-events.csv',
  rowIs: 'event type in a study or review',
  description:
    'Adverse events as reported: counts of patients (and sessions) with an event, or a published rate or range of rates.',
  columns: [
    {
      name: 'review_id',
      type: text,
      key: true,
      description: 'A review_id, when the row reports a review-level figure.',
    },
    { name: 'study_id', type: text, key: true, description: 'A study_id, when the row reports a study.' },
    {
      name: 'arm',
      type: text,
      key: true,
      description: 'Which group, as printed (e.g. "acupuncture", "standard treatment"); empty for the whole study.',
    },
    {
      name: 'acupuncture_arm',
      type: boolean,
      description:
        'Whether everyone in the arm received acupuncture (yes), nobody did (no); empty for a whole study with several arms.',
    },
    { name: 'event', type: text, key: true, description: 'Event type as printed, or "any".' },
    { name: 'serious', type: boolean, description: 'Whether the source calls the event serious.' },
    { name: 'patients_with_event', type: integer, description: 'Patients with at least one such event.' },
    { name: 'patients_exposed', type: integer, description: 'Patients who received the treatment of this arm.' },
    { name: 'event_count', type: integer, description: 'Number of events (one patient may have several).' },
    { name: 'sessions_with_event', type: integer, description: 'Sessions in which the event occurred.' },
    { name: 'sessions_total', type: integer, description: 'Sessions given.' },
    { name: 'rate', type: number, description: 'A published rate, in rate_unit.' },
    { name: 'rate_low', type: number, description: 'Lower end of a published range of rates, in rate_unit.' },
    { name: 'rate_high', type: number, description: 'Upper end of a published range of rates, in rate_unit.' },
    {
      name: 'rate_unit',
      type: oneOf('rate_unit'),
      description: 'Unit of rate, rate_low and rate_high; percent when the source does not say of what.',
    },
    SOURCE,
    SEEN_AT,
    NOTE,
  ],
  rules: {
    oneOf: [['review_id', 'study_id']],
    notAbove: [
      ['patients_with_event', 'patients_exposed'],
      ['sessions_with_event', 'sessions_total'],
    ],
    ordered: [['rate_low', 'rate_high']],
    nonNegative: ['rate', 'rate_low', 'rate_high'],
    requires: [
      ['rate', 'rate_unit'],
      ['rate_low', 'rate_unit'],
      ['rate_high', 'rate_unit'],
    ],
  },
};
