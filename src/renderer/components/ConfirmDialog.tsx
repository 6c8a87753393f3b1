import { useId } from 'react';
import { useDialogEscape } from './useDialogEscape';

/** One figure the confirmed step will record, as the budtender reads it. */
export interface Figure {
  readonly label: string;
  readonly value: string;
}

/**
 * Asks before an irreversible step (a blind count, a void, a drawer close),
 * showing the figures it is about to record. Cancel has the focus: a stray
 * Enter (a scanner's, a double tap) never confirms.
 */
export function ConfirmDialog({
  title,
  figures,
  note,
  warning,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  readonly title: string;
  readonly figures: readonly Figure[];
  /** What happens once confirmed, in words. */
  readonly note?: string | undefined;
  /** Something unusual about these figures (nothing counted, a large shortage). */
  readonly warning?: string | undefined;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const titleId = useId();
  useDialogEscape(onCancel);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        <dl className="confirm-figures" data-testid="confirm-figures">
          {figures.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
        {warning === undefined ? null : <p className="field-error">⚠ {warning}</p>}
        {note === undefined ? null : <p className="muted">{note}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className="primary" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
