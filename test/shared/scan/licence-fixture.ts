/**
 * A licence barcode as a PDF417 ID scanner sends it: "@" LF RS CR, the
 * "ANSI " header, then elements separated by LF and the subfile ended by
 * CR — control characters in the middle, which is why nothing may frame
 * scans by lines.
 */
export const LICENCE =
  '@\n\u001e\rANSI 636014100001DL00410279DLDCAC\nDCSRIVERA\nDACJORDAN\nDADALEX\nDBD04122021\nDBB04121990\nDBA04122029\nDBC1\nDAJCA\nDAK946120000  \nDAQD1234567\nDCF83D9BN217QO\nDCGUSA\nDDAF\r';

/** The same payload split where a USB-CDC or HID transport might split it: mid-element and right after a CR/LF. */
export function licenceChunks(): string[] {
  const cuts = [3, 4, 40, 41, 97, 150];
  const chunks: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    chunks.push(LICENCE.slice(start, cut));
    start = cut;
  }
  chunks.push(LICENCE.slice(start));
  return chunks;
}
