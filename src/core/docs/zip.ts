/**
 * Reading members of a ZIP package (DOCX, XLSX) without letting a zip bomb take the server.
 *
 * A ZIP's central directory says how large each member becomes once inflated, but a crafted file may
 * lie, so there are two fences:
 *  - `zipBombReason` reads the declared sizes only (no inflating, microseconds) and names a package
 *    whose members would together, or one by one, grow past the limits or by an implausible ratio;
 *    uploads are refused on it before anything is inflated (documents/domain/filetype.ts);
 *  - `readZipEntry` inflates with a byte budget (`maxOutputLength`): at most `entryBytes`, and at most
 *    `ratio` times the compressed size (a DEFLATE bomb reaches ~1000:1; real Office XML 5–50:1), so a
 *    member that lied about its size stops after the budget with a `ZipLimitError`.
 * Text extraction runs in a worker thread on top of this (extract-pool.ts), with a time and heap limit.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** most bytes one member may inflate to */
  entryBytes: number;
  /** most bytes all members may declare together */
  totalBytes: number;
  /** most inflated/compressed ratio of a member larger than `ratioFloorBytes` */
  ratio: number;
  /** members up to this size inflated are not held to the ratio (tiny parts compress very well) */
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

/** 32 MiB of document XML is a few thousand pages; the 20 MB upload limit keeps real packages far below 128 MiB. */
export const ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({ entryBytes: 32 * MiB, totalBytes: 128 * MiB, ratio: 200, ratioFloorBytes: 1 * MiB });

/** A member would inflate past the limits: the package is (or behaves like) a zip bomb. */
export class ZipLimitError extends Error {
  readonly code = 'zip_too_large';
}

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  /** as declared by the central directory (may lie) */
  uncompressed: number;
  localHeader: number;
}

/** The central directory's members; throws on a file that is not a readable ZIP. */
export function zipEntries(zip: Buffer, max = 10_000): ZipEntry[] {
  // End-of-central-directory record: the last 22+ bytes, found by its signature from the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count && n < max; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    out.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      uncompressed: zip.readUInt32LE(at + 24),
      localHeader: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

/** How many bytes a member may inflate to: its own limit, and its ratio to the compressed bytes. */
export function entryBudget(compressed: number, limits: ZipLimits = ZIP_LIMITS): number {
  return Math.min(limits.entryBytes, Math.max(limits.ratioFloorBytes, compressed * limits.ratio));
}

/**
 * Why the package's declared sizes look like a zip bomb (for the log and the audit record), or null.
 * A file that is not a readable ZIP is not judged here (the type check refuses or accepts it).
 */
export function zipBombReason(zip: Buffer, limits: ZipLimits = ZIP_LIMITS): string | null {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(zip);
  } catch {
    return null;
  }
  let total = 0;
  for (const e of entries) {
    // 0xffffffff means "see the ZIP64 extra field": more than 4 GiB, or hiding its size
    if (e.uncompressed === 0xffffffff) return `${e.name}: ZIP64 size`;
    if (e.uncompressed > entryBudget(e.compressed, limits)) return `${e.name}: ${e.uncompressed} bytes from ${e.compressed}`;
    total += e.uncompressed;
  }
  return total > limits.totalBytes ? `${total} bytes in all` : null;
}

/** Reads one member of a zip archive; null when it is not there; ZipLimitError past its budget. */
export function readZipEntry(zip: Buffer, name: string, limits: ZipLimits = ZIP_LIMITS): Buffer | null {
  const e = zipEntries(zip).find((x) => x.name === name);
  if (!e) return null;
  const local = e.localHeader;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new Error('corrupt zip local header');
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + e.compressed);
  const budget = entryBudget(e.compressed, limits);
  if (e.method === 0) {
    if (data.length > budget) throw new ZipLimitError(`${name} is larger than ${budget} bytes`);
    return Buffer.from(data);
  }
  if (e.method !== 8) throw new Error(`unsupported zip compression method ${e.method} for ${name}`);
  try {
    // zlib stops as soon as the output passes the budget, so a bomb costs at most `budget` bytes
    return inflateRawSync(data, { maxOutputLength: budget });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipLimitError(`${name} inflates past ${budget} bytes`);
    throw err;
  }
}
