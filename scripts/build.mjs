#!/usr/bin/env node
// Builds what is out of date: the server (tsc) and the web app (vite). A target is rebuilt only when a
// hash of its inputs differs from the one stamped after its last build, so a second `npm start` starts
// in seconds. `--force` rebuilds regardless. Usage: node scripts/build.mjs [server] [web] [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const targets = {
  server: {
    inputs: [
      'server/src',
      'server/tsconfig.json',
      'server/tsconfig.build.json',
      'tsconfig.base.json',
      'package-lock.json',
    ],
    skip: (file) => file.endsWith('.test.ts') || file.includes(`${path.sep}test${path.sep}`),
    stamp: 'server/dist/.build-stamp',
    command: [npx, ['tsc', '-p', 'server/tsconfig.build.json']],
  },
  web: {
    inputs: [
      'web/src',
      'web/public',
      'web/index.html',
      'web/vite.config.ts',
      'server/src/shared',
      'package-lock.json',
    ],
    skip: () => false,
    stamp: 'web/dist/.build-stamp',
    command: [npx, ['vite', 'build', '--logLevel', 'warn'], { cwd: path.join(root, 'web') }],
  },
};

function filesUnder(relative) {
  const absolute = path.join(root, relative);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return [absolute];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function inputHash(target) {
  const hash = createHash('sha256');
  const files = target.inputs
    .flatMap(filesUnder)
    .filter((f) => !target.skip(f))
    .sort();
  for (const file of files)
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const args = process.argv.slice(2);
const force = args.includes('--force');
const selected = args.filter((a) => !a.startsWith('--'));
for (const name of selected.length ? selected : Object.keys(targets)) {
  const target = targets[name];
  if (!target) {
    console.error(`unknown build target ${name}`);
    process.exit(2);
  }
  const stampFile = path.join(root, target.stamp);
  const hash = inputHash(target);
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) continue;
  const started = Date.now();
  console.log(`building ${name} …`);
  const [command, commandArgs, options] = target.command;
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`build of ${name} failed`);
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, hash);
  console.log(`built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
