import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * The embedded database is single-process: a second process opening the same folder would corrupt it.
 * A lock file holding our pid keeps a second `npm start` out, and a stale lock of a dead process is taken over.
 */
export function acquireDataDirLock(lockPath: string): () => Promise<void> {
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(lockPath, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `it is in use by process ${holder} (lock file ${lockPath}); use PostgreSQL for several nodes`,
      );
    }
    writeFileSync(lockPath, String(process.pid));
  }
  return async () => {
    rmSync(lockPath, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
