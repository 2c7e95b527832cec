/**
 * XLSX export and import (write-excel-file, read-excel-file), loaded on first use: the two libraries
 * take ~18 MB that a web process without an export or import should not hold (issue #15.4).
 */
type WriteModule = typeof import('write-excel-file/node');
type ReadModule = typeof import('read-excel-file/node');

let writer: Promise<WriteModule> | undefined;
let reader: Promise<ReadModule> | undefined;

/** One sheet of rows (cells as write-excel-file takes them) → the .xlsx file's bytes. */
export async function xlsxBuffer(rows: unknown[][], options: { sheet: string }): Promise<Buffer> {
  writer ??= import('write-excel-file/node');
  const write = (await writer).default as unknown as (rows: unknown[][], o: { sheet: string }) => { toBuffer(): Promise<Buffer> };
  return write(rows, options).toBuffer();
}

/** The first sheet's rows of an uploaded .xlsx (a Buffer or a stream). */
export async function readXlsxRows(input: Parameters<ReadModule['readSheet']>[0]): Promise<unknown[][]> {
  reader ??= import('read-excel-file/node');
  return (await (await reader).readSheet(input)) as unknown[][];
}
