import { describe, expect, it } from 'vitest';
import { EXPERIMENT_FIELDS, FORM_SETTING_KEYS, PAGE_DEFAULTS, SETTING_KEYS } from './fields';
import { DEFAULT_FORM } from './form';
import { decodeLink, encodeLink } from './url';

describe('the settings table', () => {
  it("gives every form setting one link name, unique and clear of the link's other names", () => {
    const names = FORM_SETTING_KEYS.map((key) => EXPERIMENT_FIELDS[key].link);
    expect(new Set(names).size).toBe(names.length);
    for (const reserved of ['v', 'tasks', 'w', 'cap', 'read', 'autorun', 'hide', 'preset', 'offline', 'joint', 'debug'])
      expect(names).not.toContain(reserved);
    expect(FORM_SETTING_KEYS.length).toBeGreaterThan(0);
    expect(FORM_SETTING_KEYS.every((key) => SETTING_KEYS.includes(key))).toBe(true);
  });

  it("starts the page form at the table's defaults, except the named page overrides", () => {
    const overrides: Record<string, unknown> = PAGE_DEFAULTS;
    for (const key of FORM_SETTING_KEYS)
      expect(DEFAULT_FORM[key], key).toBe(overrides[key] ?? EXPERIMENT_FIELDS[key].default);
    expect(DEFAULT_FORM.steps).toBe(1500);
  });

  it('carries every form setting through a link and back', () => {
    const changed = {
      ...DEFAULT_FORM,
      lambda: 0.5,
      learningRate: 0.01,
      encoder: 'bigru' as const,
      representation: 'chars' as const,
      seed: 9,
    };
    const decoded = decodeLink(encodeLink({ form: changed, autorun: false, hide: [], preset: null }));
    expect(decoded.notices).toEqual([]);
    for (const key of FORM_SETTING_KEYS) expect(decoded.form[key], key).toBe(changed[key]);
  });

  it('reads -0 as 0, so a link round trip keeps the same form (found by the link property test)', () => {
    const decoded = decodeLink('?seed=-0&lambda=-0');
    expect(Object.is(decoded.form.seed, 0)).toBe(true);
    expect(Object.is(decoded.form.lambda, 0)).toBe(true);
  });
});
