import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useScans } from '../state/scan-store';
import type { IncidentView } from '../../shared/contract/quality';
import { qualityCategories, type QualityCategory } from '../../shared/domain/quality/sop';
import { dollarsToCents } from '../money-input';
import { send } from '../transport';
import { BatchPanel } from '../components/BatchPanel';
import { IncidentPhotos } from '../components/IncidentPhotos';
import { LabResultsPanel } from '../components/LabResultsPanel';

const CATEGORY_LABELS: Record<QualityCategory, string> = {
  hardware_failure: 'Hardware failure',
  mislabel: 'Mislabel',
  contamination_suspicion: 'Contamination suspected',
  adverse_reaction_reported: 'Adverse reaction reported',
};

type SaleLines = ReadonlyArray<{ saleLineId: string; name: string; packageTag: string; quantity: number }>;

/**
 * Customer care: a quality incident opened from a sale's line (or a scanned
 * package tag), its SOP steps with who did each, a hold on the package or
 * its batch, the resolution, the batch's buyers, and lab results.
 */
export function CareScreen() {
  const [saleNumber, setSaleNumber] = useState('');
  const [lines, setLines] = useState<SaleLines>([]);
  const [reporting, setReporting] = useState<{ saleLineId?: string; packageTag?: string; name: string } | null>(null);
  const [tag, setTag] = useState('');
  const [incident, setIncident] = useState<IncidentView | null>(null);
  const [open, setOpen] = useState<readonly IncidentView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refreshOpen = useCallback(async () => {
    const result = await send('qa-incidents', { status: 'open' });
    if (result.ok) setOpen(result.value.items);
  }, []);
  useEffect(() => {
    void refreshOpen();
  }, [refreshOpen]);
  const answer = <T,>(result: { ok: true; value: T } | { ok: false; error: { message: string } }, then: (v: T) => void) => {
    if (result.ok) {
      setError(null);
      then(result.value);
    } else setError(result.error.message);
  };
  const lookUp = async (number: string) => answer(await send('sale-find', { saleNumber: number.trim() }), (sale) => setLines(sale.lines));
  const findSale = async (event: FormEvent) => {
    event.preventDefault();
    await lookUp(saleNumber);
  };
  // A scanner used on this screen: a receipt finds its sale, a package tag starts a report on that package.
  const pending = useScans((state) => state.pending);
  const lookUpRef = useRef(lookUp);
  lookUpRef.current = lookUp;
  useEffect(() => {
    if (pending === null || (pending.kind !== 'sale' && pending.kind !== 'package')) return;
    useScans.getState().taken(pending.id);
    if (pending.kind === 'sale') {
      setSaleNumber(pending.data);
      void lookUpRef.current(pending.data);
    } else {
      setTag(pending.data);
      setReporting({ packageTag: pending.data, name: `package ${pending.data}` });
    }
  }, [pending]);
  const step = async (stepName: string) => {
    if (incident === null) return;
    answer(await send('qa-incident-step', { incidentId: incident.incidentId, step: stepName }), setIncident);
  };
  const hold = async (scope: 'package' | 'batch') => {
    if (incident === null) return;
    answer(
      await send('qa-hold-place', {
        scope,
        packageTag: incident.packageTag,
        reason: `${incident.incidentNumber}: ${CATEGORY_LABELS[incident.category]}`,
        incidentId: incident.incidentId,
      }),
      (h) => setNotice(scope === 'batch' ? `Batch ${h.batch ?? ''} is on hold: it cannot be sold until released.` : 'The package is on hold.'),
    );
  };
  return (
    <section className="care" aria-label="Customer care">
      <div className="care-columns">
        <div>
          <h3>Report a product problem</h3>
          <form className="inline-form" onSubmit={(e) => void findSale(e)}>
            <input aria-label="Sale number" value={saleNumber} onChange={(e) => setSaleNumber(e.target.value)} placeholder="Sale number, e.g. C1-000042" />
            <button type="submit">Find sale</button>
          </form>
          {lines.length === 0 ? null : (
            <ul className="care-lines" data-testid="care-sale-lines">
              {lines.map((l) => (
                <li key={l.saleLineId}>
                  {l.name} <span className="tag">{l.packageTag}</span>{' '}
                  <button type="button" onClick={() => setReporting({ saleLineId: l.saleLineId, name: l.name })}>
                    Report problem…
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (tag.trim() !== '') setReporting({ packageTag: tag.trim(), name: `package ${tag.trim()}` });
            }}
          >
            <input aria-label="Package tag" value={tag} onChange={(e) => setTag(e.target.value)} placeholder="…or scan the package tag" />
            <button type="submit">Report on package…</button>
          </form>
          {reporting === null ? null : (
            <IncidentForm
              about={reporting}
              onCancel={() => setReporting(null)}
              onOpened={(view) => {
                setReporting(null);
                setIncident(view);
                void refreshOpen();
              }}
            />
          )}
          <p className="field-error" role="alert" data-testid="care-error">
            {error ?? ''}
          </p>
          {notice === null ? null : (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          {incident === null ? null : (
            <IncidentPanel
              incident={incident}
              onStep={(s) => void step(s)}
              onHold={(scope) => void hold(scope)}
              onResolved={(view) => {
                setIncident(view);
                setNotice(`${view.incidentNumber} resolved (${view.resolution ?? ''}).`);
                void refreshOpen();
              }}
              onError={setError}
            />
          )}
          {incident === null ? null : (
            <IncidentPhotos
              incident={incident}
              onChanged={(view) => {
                setError(null);
                setIncident(view);
              }}
              onError={setError}
            />
          )}
          {open.length === 0 ? null : (
            <>
              <h3>Open incidents</h3>
              <ul>
                {open.map((o) => (
                  <li key={o.incidentId}>
                    <button type="button" className="link" onClick={() => setIncident(o)}>
                      {o.incidentNumber}
                    </button>{' '}
                    {CATEGORY_LABELS[o.category]} · batch {o.batch ?? '—'}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div>
          <BatchPanel initialBatch={incident?.batch ?? null} />
          <LabResultsPanel />
        </div>
      </div>
    </section>
  );
}

function IncidentForm({
  about,
  onCancel,
  onOpened,
}: {
  readonly about: { saleLineId?: string; packageTag?: string; name: string };
  readonly onCancel: () => void;
  readonly onOpened: (view: IncidentView) => void;
}) {
  const [category, setCategory] = useState<QualityCategory>('hardware_failure');
  const [words, setWords] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await send('qa-incident-open', {
      category,
      customerWords: words.trim(),
      ...(about.saleLineId === undefined ? {} : { saleLineId: about.saleLineId }),
      ...(about.packageTag === undefined ? {} : { packageTag: about.packageTag }),
    });
    if (result.ok) onOpened(result.value);
    else setError(result.error.message);
  };
  return (
    <form className="incident-form" aria-label="New quality incident" onSubmit={(e) => void submit(e)}>
      <p>
        Problem with <strong>{about.name}</strong>. Record what the customer says; give no medical advice.
      </p>
      <label>
        Category
        <select value={category} onChange={(e) => setCategory(e.target.value as QualityCategory)}>
          {qualityCategories.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Customer’s words
        <textarea value={words} onChange={(e) => setWords(e.target.value)} rows={2} maxLength={2000} />
      </label>
      <p className="field-error" role="alert">
        {error ?? ''}
      </p>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>{' '}
      <button type="submit" className="primary" disabled={words.trim() === ''}>
        Open incident
      </button>
    </form>
  );
}

function IncidentPanel({
  incident,
  onStep,
  onHold,
  onResolved,
  onError,
}: {
  readonly incident: IncidentView;
  readonly onStep: (step: string) => void;
  readonly onHold: (scope: 'package' | 'batch') => void;
  readonly onResolved: (view: IncidentView) => void;
  readonly onError: (message: string) => void;
}) {
  const [resolution, setResolution] = useState<'credit' | 'return' | 'replacement'>('credit');
  const [credit, setCredit] = useState('');
  const [returnNumber, setReturnNumber] = useState('');
  const [note, setNote] = useState('');
  const cents = dollarsToCents(credit);
  const ready = note.trim() !== '' && (resolution === 'credit' ? cents !== null : resolution === 'return' ? returnNumber.trim() !== '' : true);
  const resolve = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const common = { incidentId: incident.incidentId, note: note.trim() };
    const result = await send(
      'qa-incident-resolve',
      resolution === 'credit' && cents !== null
        ? { ...common, resolution: 'credit', creditCents: cents }
        : resolution === 'return'
          ? { ...common, resolution: 'return', returnNumber: returnNumber.trim() }
          : { ...common, resolution: 'replacement' },
    );
    if (result.ok) onResolved(result.value);
    else onError(result.error.message);
  };
  return (
    <div className="incident" data-testid="incident">
      <h3>
        {incident.incidentNumber} · {CATEGORY_LABELS[incident.category]} · {incident.status}
      </h3>
      <p>
        “{incident.customerWords}” · package <span className="tag">{incident.packageTag}</span> · batch {incident.batch ?? '—'}
      </p>
      <ol className="sop-steps">
        {incident.steps.map((s) => (
          <li key={s.step}>
            {s.label}{' '}
            {s.doneBy === null ? (
              incident.status === 'open' ? (
                <button type="button" onClick={() => onStep(s.step)}>
                  Done
                </button>
              ) : null
            ) : (
              <span className="muted">
                ✓ {s.doneBy}, {new Date(s.doneAt ?? '').toLocaleTimeString()}
              </span>
            )}
          </li>
        ))}
      </ol>
      {incident.status !== 'open' ? null : (
        <>
          <button type="button" onClick={() => onHold('package')}>
            Hold this package
          </button>{' '}
          <button type="button" onClick={() => onHold('batch')} disabled={incident.batch === null}>
            Hold the whole batch
          </button>
          <form className="inline-form" aria-label="Resolve the incident" onSubmit={(e) => void resolve(e)}>
            <select aria-label="Resolution" value={resolution} onChange={(e) => setResolution(e.target.value as 'credit' | 'return' | 'replacement')}>
              <option value="credit">Store credit</option>
              <option value="return">Return (made on the Returns screen)</option>
              <option value="replacement">Replacement</option>
            </select>
            {resolution === 'credit' ? (
              <input
                aria-label="Credit dollars"
                inputMode="decimal"
                value={credit}
                onChange={(e) => setCredit(e.target.value.replace(/[^\d.]/g, ''))}
                placeholder="Credit $"
              />
            ) : null}
            {resolution === 'return' ? (
              <input aria-label="Return number" value={returnNumber} onChange={(e) => setReturnNumber(e.target.value)} placeholder="e.g. C1-000042-R1" />
            ) : null}
            <input aria-label="Resolution note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Note" maxLength={500} />
            <button type="submit" disabled={!ready}>
              {resolution === 'credit' ? 'Resolve with store credit' : 'Resolve'}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
