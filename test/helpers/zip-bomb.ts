/**
 * Zip bombs built in memory for tests (no big file in the repository): a DOCX whose
 * `word/document.xml` inflates to `inflatedMiB` MiB of spaces from about 1 KB per MiB (the DEFLATE
 * ceiling, ~1000:1). `honest` declares the real inflated size in the central directory, as a zip tool
 * would; otherwise the directory claims a harmless 1 KB, as a crafted file would.
 *
 * Built from one DEFLATE block of 1 MiB ended by a full flush (byte-aligned, no reference to earlier
 * data), repeated, then an empty final block: cheap to make, however large it inflates.
 */
import { constants, deflateRawSync } from 'node:zlib';

function member(name: string, data: Buffer, method: number, declared: number) {
  return { name: Buffer.from(name), data, method, declared };
}

function zip(members: ReturnType<typeof member>[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(m.method, 8);
    local.writeUInt32LE(m.data.length, 18);
    local.writeUInt32LE(m.declared, 22);
    local.writeUInt16LE(m.name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(m.method, 10);
    cd.writeUInt32LE(m.data.length, 20);
    cd.writeUInt32LE(m.declared, 24);
    cd.writeUInt16LE(m.name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, m.name, m.data);
    central.push(cd, m.name);
    offset += 30 + m.name.length + m.data.length;
  }
  const cdBytes = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(cdBytes.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBytes, eocd]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A DEFLATE stream of `mib` MiB of spaces. */
export function deflateBomb(mib: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20, 0x20), { finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(mib).fill(block), Buffer.from([0x03, 0x00])]);
}

export function docxBomb(o: { inflatedMiB: number; honest: boolean }): Buffer {
  const body = deflateBomb(o.inflatedMiB);
  const declared = o.honest ? Math.min(0xfffffffe, o.inflatedMiB * 1024 * 1024) : 1024;
  return zip([
    member('[Content_Types].xml', Buffer.from(CONTENT_TYPES), 0, Buffer.byteLength(CONTENT_TYPES)),
    member('word/document.xml', body, 8, declared),
  ]);
}
