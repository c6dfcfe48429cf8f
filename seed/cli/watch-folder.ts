import { watch } from 'chokidar';

// Watching a corpus folder: changes come in bursts (an editor's save is several events, a copy
// of a folder is hundreds), so they are gathered until the folder has been quiet a moment and
// then handled in one go. Handling never overlaps: changes met meanwhile wait for the next go.

/** quiet time after the last change before seeding again */
const SETTLE_MS = 750;

/**
 * Calls `onReady` once every file already there is known (a change before that would be
 * taken for part of the folder as it was), then `onChange` with the paths changed since the
 * last call; resolves on SIGINT or SIGTERM.
 */
export function watchFolder(dir: string, onReady: () => void, onChange: (changed: string[]) => Promise<void>): Promise<void> {
  const watcher = watch(dir, {
    ignoreInitial: true,
    followSymlinks: true,
    // dotfiles are not documents (see list-documents.ts)
    ignored: (file: string) => /(^|[\\/])\.[^\\/]+$/.test(file),
    awaitWriteFinish: { stabilityThreshold: 300, pollInterval: 100 },
  });
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;

  const flush = async () => {
    if (running || !pending.size) return;
    const changed = [...pending];
    pending.clear();
    running = onChange(changed).catch((error: unknown) => {
      process.stderr.write(`seeding again failed: ${(error as Error).message}; still watching\n`);
    });
    await running;
    running = null;
    if (pending.size) schedule();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), SETTLE_MS);
  };
  watcher.on('all', (_event, file) => {
    pending.add(file);
    schedule();
  });
  watcher.once('ready', onReady);
  watcher.on('error', (error) => process.stderr.write(`watching ${dir}: ${(error as Error).message}\n`));

  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      void watcher.close().then(() => running).then(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
