import { describe, expect, it } from 'vitest';
import { treatmentName } from '../../src/core/meta/treatment-name.js';

describe('treatmentName', () => {
  it('acupuncture when every row labels its treatment arm as acupuncture', () => {
    expect(treatmentName([{ arm_treatment: 'verum acupuncture' }, { arm_treatment: 'Acupuncture group' }])).toBe(
      'acupuncture',
    );
    expect(treatmentName([{ arm_treatment: 'electroacupuncture plus usual care' }])).toBe('acupuncture');
    expect(treatmentName([{ acupuncture_arm: true, arm: 'acupuncture group' }])).toBe('acupuncture');
    expect(treatmentName([{ acupuncture_arm: false, arm: 'usual care' }])).toBeNull();
  });

  it('the one label the rows share when it is something else, a sham or care without acupuncture included', () => {
    expect(treatmentName([{ arm_treatment: 'Aspirin' }, { arm_treatment: ' Aspirin ' }])).toBe('Aspirin');
    expect(treatmentName([{ arm_treatment: 'sham acupuncture' }])).toBe('sham acupuncture');
    expect(treatmentName([{ arm_treatment: 'non-acupuncture care' }])).toBe('non-acupuncture care');
    expect(treatmentName([{ arm_treatment: 'minimal acupuncture' }])).toBe('minimal acupuncture');
  });

  it('null (the treatment arm) for unlabelled rows or several other treatments', () => {
    expect(treatmentName([])).toBeNull();
    expect(treatmentName([{ study_id: 'a' }])).toBeNull();
    expect(treatmentName([{ arm_treatment: 'acupuncture' }, { arm_treatment: '' }])).toBeNull();
    expect(treatmentName([{ arm_treatment: 'Aspirin' }, { arm_treatment: 'Placebo pill' }])).toBeNull();
    expect(treatmentName([{ arm_treatment: 'acupuncture' }, { arm_treatment: 'Aspirin' }])).toBeNull();
  });
});
