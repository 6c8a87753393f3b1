import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';

/** A report as a till printer prints it: a title, sections of label/value rows. */
export interface PrintableReport {
  readonly title: string;
  readonly subtitle: readonly string[];
  readonly sections: ReadonlyArray<{ readonly heading: string; readonly rows: ReadonlyArray<readonly [label: string, value: string]> }>;
  readonly footer?: readonly string[];
  /** A Code 128 barcode printed last (a receipt's sale number, scanned back at the Returns screen), its text below it. */
  readonly barcode?: string;
}

export interface PrinterFormat {
  /** Characters per line: 48 on 80 mm paper, 32 on 58 mm. */
  readonly columns: 32 | 42 | 48;
}

/**
 * ESC/POS bytes for a report, through the well-kept encoder library
 * (code pages, alignment, tables), ending with a feed and a partial cut.
 */
export function encodeReport(report: PrintableReport, format: PrinterFormat = { columns: 48 }): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: format.columns, feedBeforeCut: 4 });
  encoder.initialize().align('center').bold(true).line(report.title).bold(false);
  for (const line of report.subtitle) encoder.line(line);
  encoder.align('left');
  for (const section of report.sections) {
    encoder.rule().bold(true).line(section.heading).bold(false);
    encoder.table(
      [
        { width: format.columns - 16, align: 'left' },
        { width: 16, align: 'right' },
      ],
      section.rows.map(([label, value]) => [label, value]),
    );
  }
  if (report.footer !== undefined) {
    encoder.rule();
    for (const line of report.footer) encoder.line(line);
  }
  if (report.barcode !== undefined) {
    encoder.newline().align('center').barcode(report.barcode, 'code128', { height: 60, width: 2, text: true }).align('left');
  }
  return encoder.cut('partial').encode();
}
