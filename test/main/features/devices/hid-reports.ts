/** Builds 64-byte HID POS scanned-data reports the way scanners send them (default layout). */
export function hidReport(data: string | Uint8Array, options: { symbology?: string; more?: boolean; length?: number; reportId?: number } = {}): Uint8Array {
  const bytes = typeof data === 'string' ? Uint8Array.from(data, (c) => c.charCodeAt(0)) : data;
  if (bytes.length > 56) throw new Error('one report holds at most 56 bytes');
  const report = new Uint8Array(64);
  report[0] = options.reportId ?? 0x02;
  report[1] = options.length ?? bytes.length;
  report.set(
    Uint8Array.from(options.symbology ?? ']L0', (c) => c.charCodeAt(0)),
    2,
  );
  report.set(bytes, 5);
  report[63] = options.more === true ? 0x01 : 0x00;
  return report;
}

/** A barcode split into as many reports as it needs, all but the last flagged "more follow". */
export function hidReports(data: string, symbology = ']L0'): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += 56) {
    reports.push(hidReport(data.slice(at, at + 56), { symbology, more: at + 56 < data.length }));
  }
  return reports;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  return Uint8Array.from({ length: clean.length / 2 }, (_, i) => parseInt(clean.slice(i * 2, i * 2 + 2), 16));
}
