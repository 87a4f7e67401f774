import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT_TAIL_BYTES = 16 * 1024;
const STOP_TIMEOUT_MS = 10_000;
/** TONGBAN_ADMIN_PASSWORD for the server under test: the password of its `admin` account. */
export const ADMIN_PASSWORD = 'Bench@Admin-2026';

/** A server under test, running as a child process so that it has its own event loop and core. */
export interface ChildServer {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  /** The last bytes the child wrote to stdout and stderr, for error reports. */
  output(): string;
  stop(): Promise<void>;
}

export class ServerStartError extends Error {
  constructor(message: string, output: string) {
    super(output.trim() ? `${message}\n--- server output ---\n${output.trim()}` : message);
    this.name = 'ServerStartError';
  }
}

function captureOutput(child: ChildProcess): () => string {
  let tail = '';
  const append = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_BYTES);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => tail;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = sleep(STOP_TIMEOUT_MS).then(() => 'timeout' as const);
    if ((await Promise.race([exited, timer])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Bare Fastify hello-world (bench/src/bare-fastify.ts); resolves once it has printed its port. */
export async function startBareFastify(): Promise<ChildServer> {
  const file = path.join(ROOT, 'bench/src/bare-fastify.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const port = await new Promise<number>((resolve, reject) => {
    let line = '';
    const onData = (chunk: Buffer) => {
      line += chunk.toString('utf8');
      const newline = line.indexOf('\n');
      if (newline < 0) return;
      child.stdout?.off('data', onData);
      try {
        resolve((JSON.parse(line.slice(0, newline)) as { port: number }).port);
      } catch (error) {
        reject(error);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new ServerStartError(`bare Fastify exited with code ${code}`, output())),
    );
  });
  return { name: 'bare Fastify', baseUrl: `http://127.0.0.1:${port}`, child, output, stop: stopper(child) };
}

export interface TongbanServer extends ChildServer {
  dataDir: string;
}

/**
 * The real server (server/dist/main.js, built by `scripts/build.mjs server`) on a fresh data directory
 * (or `dataDir`, removed on stop unless `keepDataDir`), with the embedded PGlite database unless the
 * caller set DATABASE_URL (or passes it in `env`). Resolves when /healthz answers 200.
 */
export async function startTongban(
  timeoutMs = 90_000,
  options: { dataDir?: string; keepDataDir?: boolean; env?: Record<string, string> } = {},
): Promise<TongbanServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'tongban-bench-')));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, // DATABASE_URL and REDIS_URL pass through when the caller set them
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      TONGBAN_DEMO: '0',
      TONGBAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...options.env,
    },
  });
  const output = captureOutput(child);
  const stopChild = stopper(child);
  const server: TongbanServer = {
    name: 'Tongban',
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output,
    dataDir,
    stop: async () => {
      await stopChild();
      if (!options.keepDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(server, timeoutMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForHealth(server: ChildServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    const { exitCode, signalCode } = server.child;
    if (exitCode !== null || signalCode !== null) {
      throw new ServerStartError(
        `${server.name} exited during start-up (${exitCode ?? signalCode})`,
        server.output(),
      );
    }
    try {
      const response = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await sleep(250);
  }
  throw new ServerStartError(
    `${server.name} did not answer /healthz within ${timeoutMs / 1000} s (${lastProblem})`,
    server.output(),
  );
}
