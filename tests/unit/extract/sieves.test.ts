import { describe, expect, it } from 'vitest';
import { SIEVES } from '../../../seed/extract/sieves/index.js';

describe('attribution sieves', () => {
  it('each sieve has a unique id, a one-line summary and at least one invented example', () => {
    expect(new Set(SIEVES.map((s) => s.id)).size).toBe(SIEVES.length);
    for (const s of SIEVES) {
      expect(s.summary).not.toContain('\n');
      expect(s.examples.length).toBeGreaterThan(0);
    }
  });
});
