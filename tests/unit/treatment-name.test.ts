import { describe, expect, it } from 'vitest';
import { treatmentName } from '../../src/core/meta/treatment-name.js';

describe('treatmentName', () => {
  it('acupuncture when every labelled arm says so, or none is labelled', () => {
    expect(treatmentName([{ arm_treatment: 'verum acupuncture' }, { arm_treatment: 'Acupuncture group' }])).toBe(
      'acupuncture',
    );
    expect(treatmentName([{ study_id: 'a' }, { arm_treatment: '' }])).toBe('acupuncture');
  });

  it('the one label the rows share when it is something else; null for several others', () => {
    expect(treatmentName([{ arm_treatment: 'Aspirin' }, { arm_treatment: ' Aspirin ' }])).toBe('Aspirin');
    expect(treatmentName([{ arm_treatment: 'Aspirin' }, { arm_treatment: 'Placebo pill' }])).toBeNull();
    expect(treatmentName([{ arm_treatment: 'acupuncture' }, { arm_treatment: 'Aspirin' }])).toBeNull();
  });
});
