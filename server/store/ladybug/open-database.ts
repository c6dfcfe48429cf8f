import path from 'node:path';
import lbug from '@ladybugdb/core';
import { StoreInUseError } from '../../errors.js';

type Database = InstanceType<typeof lbug.Database>;

const LOG_REPLAY_FAILURE = /wal|checksum/i;
const LOCKED = /could not set lock/i;

/**
 * Opens the database, and after a hard stop whose log cannot be replayed (see TextFiles),
 * opens it at its last checkpoint instead of refusing it: every commit is folded in at once,
 * so what is lost is at most the write in flight, which the batch journal names.
 */
export async function openDatabase(dataDir: string, onRecovery: (message: string) => void): Promise<Database> {
  const file = path.join(dataDir, 'graph.lbug');
  const strict = new lbug.Database(file);
  try {
    await strict.init();
    return strict;
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    // another process (most often a running `npm start`) has the store open
    if (LOCKED.test(message)) throw new StoreInUseError(`the store in ${dataDir} is open in another process, most likely a running server (npm start): stop it first, then run this again`);
    if (!LOG_REPLAY_FAILURE.test(message)) throw error;
    try { strict.closeSync(); } catch { /* it never opened */ }
    onRecovery(`the store in ${dataDir} could not replay its log after a hard stop (${message.replace(/^Runtime exception:\s*/i, '')}); opened at its last checkpoint`);
    const lenient = new lbug.Database(file, undefined, undefined, undefined, undefined, undefined, undefined, false);
    await lenient.init();
    return lenient;
  }
}
