import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// Random bytes are drawn from the CSPRNG in blocks: one system call per 256 ids instead of one per id.
const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;

function randomBlock(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const block = Buffer.from(pool.subarray(poolOffset, poolOffset + size));
  poolOffset += size;
  return block;
}

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then randomness, so keys sort by creation time and
 * index well. A 12-bit counter in rand_a, started at a random value below 2048, keeps the ids one process
 * makes within a millisecond in order (for the first 2048 of them).
 */
export function uuidv7(now = Date.now()): string {
  if (now === lastMs) {
    counter = (counter + 1) & 0xfff;
  } else {
    lastMs = now;
    counter = randomBlock(2).readUInt16BE() & 0x7ff;
  }
  const bytes = randomBlock(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
