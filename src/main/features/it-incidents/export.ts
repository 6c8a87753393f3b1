import type { IncidentView } from '../../../shared/contract/it-incidents';

const COLUMNS = [
  'number',
  'status',
  'reportedAt',
  'reportedBy',
  'terminal',
  'screen',
  'summary',
  'description',
  'recentErrors',
  'devices',
  'syncOnline',
  'syncPending',
  'appVersion',
  'comments',
  'closedAt',
  'closedBy',
  'resolution',
] as const;

/** RFC 4180: every field quoted, quotes doubled; a leading =+-@ is prefixed with ' so a spreadsheet does not run it as a formula. */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The incident log as CSV for IT (one row per incident; errors, devices and comments folded into one cell each). */
export function incidentsCsv(incidents: readonly IncidentView[]): string {
  const rows = incidents.map((i) =>
    [
      i.number,
      i.status,
      i.reportedAt,
      i.reportedBy,
      i.context.terminalName,
      i.context.screen,
      i.summary,
      i.description,
      i.context.recentErrors.map((e) => `${e.code}: ${e.message}`).join(' | '),
      i.context.devices.map((d) => `${d.role}=${d.state}`).join(' | '),
      i.context.sync.online === null ? '' : String(i.context.sync.online),
      i.context.sync.lanes.reduce((n, l) => n + l.pending, 0),
      i.context.appVersion,
      i.comments.map((c) => `${c.at} ${c.by}: ${c.text}`).join(' | '),
      i.closedAt,
      i.closedBy,
      i.resolution,
    ]
      .map(field)
      .join(','),
  );
  return `${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
