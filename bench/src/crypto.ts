// Tongban's own SM2/SM3/SM4 functions beside the primitive they are built on, on one thread of this
// process (no worker threads, HTTP servers already stopped).
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { sm2 as sm2Lib } from 'sm-crypto-v2';
import {
  generateSm2KeyPair,
  SM2_DEFAULT_USER_ID,
  sm2Digest,
  sm2Sign,
  sm2Verify,
  sm3,
  sm4Open,
  sm4Seal,
} from '../../server/src/platform/crypto/index.js';
import { opsPerSecond, type Spread, spread } from './stats.js';

export const CRYPTO_SETTINGS = {
  rounds: 5,
  sliceMs: 300,
  warmupMs: 200,
  /** Bytes hashed/encrypted per call in the SM3 and SM4 measurements. */
  bulkBytes: 1024 * 1024,
  /** Bytes signed per SM2 call: about a canonical-JSON audit record or token payload. */
  messageBytes: 256,
  /** Mirrors PRECOMPUTE_WINDOW in server/src/platform/crypto/sm2-key-cache.ts (not exported). */
  ourPrecomputeWindow: 4,
  /** sm-crypto-v2's default window for precomputePublicKey. */
  libraryDefaultWindow: 8,
} as const;

interface Candidate {
  key: string;
  label: string;
  op: () => unknown;
}

interface Group {
  name: string;
  /** Converts operations per second into the reported unit. */
  unit: string;
  scale: number;
  ours: Candidate;
  limits: Candidate[];
}

export interface CryptoFigure {
  group: string;
  metric: string;
  unit: string;
  ours: Spread;
  limit: Spread;
  limitLabel: string;
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`crypto benchmark self-check failed: ${what}`);
}

function buildGroups(): Group[] {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const message = randomBytes(CRYPTO_SETTINGS.messageBytes);
  const signature = sm2Sign(message, privateKey);
  const signatureHex = signature.toString('hex');
  // e = SM3(Z ‖ M): what our sm2Verify recomputes on every call and hands the library with hash: false.
  const digest = sm2Digest(message, publicKey, SM2_DEFAULT_USER_ID);
  const pointOurWindow = sm2Lib.precomputePublicKey(publicKey, CRYPTO_SETTINGS.ourPrecomputeWindow);
  const pointDefaultWindow = sm2Lib.precomputePublicKey(publicKey, CRYPTO_SETTINGS.libraryDefaultWindow);
  const raw = { hash: false, der: false } as const;

  check(sm2Verify(message, signature, publicKey), 'our SM2 verify rejects our signature');
  check(
    sm2Lib.doVerifySignature(digest, signatureHex, publicKey, raw),
    'raw SM2 verify rejects our signature',
  );
  check(sm2Lib.doVerifySignature(digest, signatureHex, pointOurWindow, raw), 'raw SM2 verify (precomputed)');
  const rawSignature = sm2Lib.doSignature(digest, privateKey, raw);
  check(sm2Verify(message, Buffer.from(rawSignature, 'hex'), publicKey), 'raw SM2 signature does not verify');

  const bulk = randomBytes(CRYPTO_SETTINGS.bulkBytes);
  check(sm3(bulk).equals(createHash('sm3').update(bulk).digest()), 'SM3 differs from node:crypto');
  const sealKey = randomBytes(32);
  check(sm4Open(sealKey, sm4Seal(sealKey, bulk)).equals(bulk), 'SM4 seal/open round trip');
  const sm4Key = randomBytes(16);
  const iv = randomBytes(16);
  const macKey = randomBytes(32);

  return [
    {
      name: 'SM2 verify',
      unit: 'verify/s',
      scale: 1,
      ours: { key: 'ours', label: 'sm2Verify', op: () => sm2Verify(message, signature, publicKey) },
      limits: [
        {
          key: 'raw-precomputed',
          label: `sm-crypto-v2 doVerifySignature, e given, key precomputed (window ${CRYPTO_SETTINGS.ourPrecomputeWindow}, as ours)`,
          op: () => sm2Lib.doVerifySignature(digest, signatureHex, pointOurWindow, raw),
        },
        {
          key: 'raw-plain',
          label: 'sm-crypto-v2 doVerifySignature, e given, key as hex (no precomputation)',
          op: () => sm2Lib.doVerifySignature(digest, signatureHex, publicKey, raw),
        },
        {
          key: 'raw-default-window',
          label: `sm-crypto-v2 doVerifySignature, e given, key precomputed (library default window ${CRYPTO_SETTINGS.libraryDefaultWindow})`,
          op: () => sm2Lib.doVerifySignature(digest, signatureHex, pointDefaultWindow, raw),
        },
      ],
    },
    {
      name: 'SM2 sign',
      unit: 'sign/s',
      scale: 1,
      ours: { key: 'ours', label: 'sm2Sign', op: () => sm2Sign(message, privateKey) },
      limits: [
        {
          key: 'raw',
          label: 'sm-crypto-v2 doSignature, e given (hash: false, der: false)',
          op: () => sm2Lib.doSignature(digest, privateKey, raw),
        },
      ],
    },
    {
      name: 'SM3 1 MiB',
      unit: 'MiB/s',
      scale: CRYPTO_SETTINGS.bulkBytes / (1024 * 1024),
      ours: { key: 'ours', label: 'sm3', op: () => sm3(bulk) },
      limits: [
        {
          key: 'node',
          label: "node:crypto createHash('sm3') (OpenSSL)",
          op: () => createHash('sm3').update(bulk).digest(),
        },
      ],
    },
    {
      name: 'SM4 1 MiB',
      unit: 'MiB/s',
      scale: CRYPTO_SETTINGS.bulkBytes / (1024 * 1024),
      ours: { key: 'ours', label: 'sm4Seal (SM4-CTR + HMAC-SM3)', op: () => sm4Seal(sealKey, bulk) },
      limits: [
        {
          key: 'node',
          label: "node:crypto 'sm4-ctr' encryption alone (OpenSSL, no MAC)",
          op: () => {
            const cipher = createCipheriv('sm4-ctr', sm4Key, iv);
            return Buffer.concat([cipher.update(bulk), cipher.final()]);
          },
        },
        {
          key: 'node-ctr-hmac',
          label:
            "node:crypto 'sm4-ctr' + HMAC-SM3 over the ciphertext (our work, minus key derivation and copies)",
          op: () => {
            const ciphertext = createCipheriv('sm4-ctr', sm4Key, iv).update(bulk);
            return createHmac('sm3', macKey).update(ciphertext).digest();
          },
        },
      ],
    },
  ];
}

/**
 * Within each group every candidate is warmed up, then measured in `rounds` time slices; the order rotates
 * every round so no candidate always runs first (right after a GC, say) or last.
 */
export function measureCrypto(onProgress: (message: string) => void): CryptoFigure[] {
  const figures: CryptoFigure[] = [];
  for (const group of buildGroups()) {
    const candidates = [group.ours, ...group.limits];
    const results = new Map<string, number[]>(candidates.map((c) => [c.key, []]));
    for (const candidate of candidates) opsPerSecond(candidate.op, CRYPTO_SETTINGS.warmupMs);
    for (let round = 0; round < CRYPTO_SETTINGS.rounds; round++) {
      for (let i = 0; i < candidates.length; i++) {
        const candidate = candidates[(i + round) % candidates.length]!;
        results.get(candidate.key)!.push(opsPerSecond(candidate.op, CRYPTO_SETTINGS.sliceMs) * group.scale);
      }
    }
    const ours = spread(results.get('ours')!);
    onProgress(`  ${group.name.padEnd(12)} ours ${ours.median.toFixed(1)} ${group.unit}`);
    for (const limit of group.limits) {
      figures.push({
        group: group.name,
        metric: `${group.name} (${group.unit})`,
        unit: group.unit,
        ours,
        limit: spread(results.get(limit.key)!),
        limitLabel: limit.label,
      });
    }
  }
  return figures;
}
