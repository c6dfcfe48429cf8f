import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { seedCorpus } from '../../seed/pipeline.js';
import { tempDir } from './stores.js';

export const SAMPLE_CORPUS = path.resolve('seed/corpus/docs');
export const silentLogger = pino({ level: 'silent' });

/** A fresh embedded store in a temp folder, seeded with the sample corpus. */
export async function seededStore(): Promise<LadybugStore> {
  const store = await LadybugStore.open({ dataDir: tempDir('seeded') });
  const summary = await seedCorpus({ store, dir: SAMPLE_CORPUS });
  if (summary.skipped.length) throw new Error(`sample corpus did not seed: ${JSON.stringify(summary.skipped)}`);
  return store;
}

/**
 * A curator's world: a copy of the sample corpus to re-derive from and an overrides file of
 * its own, both in temp folders, so corrections never touch the repository's.
 */
export function curationFolders(prefix: string): { corpus: string; overridesFile: string } {
  const corpus = tempDir(`${prefix}-corpus`);
  fs.cpSync(SAMPLE_CORPUS, corpus, { recursive: true });
  return { corpus, overridesFile: path.join(tempDir(`${prefix}-overrides`), 'overrides.json') };
}
