import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** Helpers for tests that run Tongban (or a script of it) as a real child process. */

const here = path.dirname(fileURLToPath(import.meta.url));
export const MAIN = path.join(here, '..', 'main.ts');
export const AUDIT_VERIFY = path.join(here, '..', 'cli', 'audit-verify.ts');

/** A temporary folder removed after the test file. */
export function tempDir(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'tongban-proc-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Runs a TypeScript entry point with tsx; DATABASE_URL and REDIS_URL are passed only when given in `env`. */
export function runTs(file: string, env: Record<string, string>): ChildProcess {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...inherited } = process.env;
  return spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function collect(child: ChildProcess) {
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    out.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out.stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { out, exited };
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls until `probe` returns a value (errors count as "not yet"). */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts `main.ts` on a free loopback port and waits until /healthz answers. Stopped after the file. */
export async function startServerProcess(env: Record<string, string>) {
  const port = await freePort();
  const child = runTs(MAIN, { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const { out, exited } = collect(child);
  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`server exited: ${out.stderr}`);
    return (await fetch(`${baseUrl}/healthz`)).ok ? true : undefined;
  });
  return { child, baseUrl, out, exited };
}
