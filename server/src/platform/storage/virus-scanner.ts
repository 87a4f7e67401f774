/** What a scan of one file found. */
export type ScanResult = { clean: true } | { clean: false; signature: string };

/**
 * 病毒查杀 — the hook every upload passes before anything is stored. Files are sealed at rest, so a host
 * anti-virus never sees their contents: the scan at upload is the one chance to catch malware.
 *
 * Production deployments plug in ClamAV here: an implementation that streams the bytes to clamd with the
 * `INSTREAM` command (chunks prefixed by their 4-byte big-endian length, a zero-length chunk to end) and
 * maps `stream: OK` to clean and `stream: <signature> FOUND` to infected. Any scanner that can say "clean"
 * or name what it found fits the same interface.
 */
export interface VirusScanner {
  scan(bytes: Uint8Array): Promise<ScanResult>;
}

/**
 * The EICAR anti-malware test file (https://www.eicar.org/download-anti-malware-testfile/): 68 ASCII bytes
 * every scanner reports as `EICAR-Test-File`. Built from two halves so this source file is not itself flagged.
 */
export const EICAR_TEST_FILE = Buffer.from(
  'X5O!P%@AP[4\\PZX54(P^)7CC)7}$' + 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*',
  'ascii',
);

/**
 * A scanner for known byte signatures at the start of a file; ships with EICAR only, so the whole
 * rejection path (422, nothing stored) is exercised on every installation without a virus engine. It is no
 * protection against real malware: configure ClamAV (see VirusScanner) in production.
 */
export class SignatureScanner implements VirusScanner {
  constructor(
    private readonly signatures: ReadonlyMap<string, Uint8Array> = new Map([
      ['EICAR-Test-File', EICAR_TEST_FILE],
    ]),
  ) {}

  async scan(bytes: Uint8Array): Promise<ScanResult> {
    for (const [signature, prefix] of this.signatures) {
      if (bytes.length >= prefix.length && Buffer.from(prefix).equals(bytes.subarray(0, prefix.length))) {
        return { clean: false, signature };
      }
    }
    return { clean: true };
  }
}
