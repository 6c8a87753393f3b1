import { useEffect, useState, type ChangeEvent } from 'react';
import { INCIDENT_PHOTO_LIMIT, type IncidentPhotoView, type IncidentView } from '../../shared/contract/quality';
import { photoForIncident } from '../incident-photo';
import { useSession } from '../state/session-store';
import { send } from '../transport';
import { useDialogEscape } from './useDialogEscape';

/** Photos already asked of the register, by id: a photo never changes once attached, so one fetch serves every redraw. */
const photos = new Map<string, Promise<string | null>>();

function photoUrl(photoId: string): Promise<string | null> {
  let url = photos.get(photoId);
  if (url === undefined) {
    url = send('qa-incident-photo', { photoId }).then((r) => (r.ok ? `data:${r.value.mimeType};base64,${r.value.base64}` : null));
    photos.set(photoId, url);
  }
  return url;
}

function usePhotoUrl(photoId: string): string | null {
  const [src, setSrc] = useState<{ readonly id: string; readonly url: string } | null>(null);
  useEffect(() => {
    let live = true;
    void photoUrl(photoId).then((url) => {
      if (live && url !== null) setSrc({ id: photoId, url });
    });
    return () => {
      live = false;
    };
  }, [photoId]);
  return src?.id === photoId ? src.url : null;
}

function Thumbnail({ photo, label, onOpen }: { readonly photo: IncidentPhotoView; readonly label: string; readonly onOpen: () => void }) {
  const url = usePhotoUrl(photo.photoId);
  return (
    <button type="button" className="incident-photo" onClick={onOpen} aria-label={`View ${label} larger`}>
      {url === null ? <span className="muted">…</span> : <img src={url} alt={label} width={72} height={72} data-testid="incident-photo-thumbnail" />}
    </button>
  );
}

function PhotoViewer({
  photo,
  label,
  canRemove,
  onClose,
  onRemove,
}: {
  readonly photo: IncidentPhotoView;
  readonly label: string;
  readonly canRemove: boolean;
  readonly onClose: () => void;
  readonly onRemove: (reason: string) => void;
}) {
  useDialogEscape(onClose);
  const url = usePhotoUrl(photo.photoId);
  const [reason, setReason] = useState('');
  return (
    <div className="dialog-backdrop">
      <div className="dialog photo-dialog" role="dialog" aria-modal="true" aria-label={label}>
        <h2>{label}</h2>
        {url === null ? <p className="muted">Loading…</p> : <img src={url} alt={label} style={{ maxWidth: '100%', maxHeight: '70vh' }} />}
        <p className="muted">
          Attached by {photo.attachedBy}, {new Date(photo.attachedAt).toLocaleString()}
        </p>
        {canRemove ? (
          <form
            className="inline-form"
            aria-label="Remove the photo"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim() !== '') onRemove(reason.trim());
            }}
          >
            <input
              aria-label="Reason for removing"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={200}
              placeholder="Why it is removed"
            />
            <button type="submit" disabled={reason.trim() === ''}>
              Remove photo
            </button>
          </form>
        ) : null}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/**
 * An incident's photos: thumbnails drawn from the register (never a file or
 * the network), a larger view on a click, a photo attached from a file (the
 * counter downsizes and re-encodes it first), and a manager's removal with a
 * reason. Photos are part of the record: none can be edited.
 */
export function IncidentPhotos({
  incident,
  onChanged,
  onError,
}: {
  readonly incident: IncidentView;
  readonly onChanged: (view: IncidentView) => void;
  readonly onError: (message: string) => void;
}) {
  const canRemove = useSession((s) => s.session?.permissions.includes('quality.photo_remove') ?? false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kept = incident.photos.filter((p) => p.removed === null);
  const labelOf = (photo: IncidentPhotoView) => `Photo ${incident.photos.indexOf(photo) + 1} of ${incident.incidentNumber}`;
  const attach = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    setBusy(true);
    try {
      const ready = await photoForIncident(file);
      if ('error' in ready) return onError(ready.error);
      const result = await send('qa-incident-photo-attach', { incidentId: incident.incidentId, base64: ready.base64 });
      if (result.ok) onChanged(result.value);
      else onError(result.error.message);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (photoId: string, reason: string) => {
    const result = await send('qa-incident-photo-remove', { photoId, reason });
    if (result.ok) {
      setViewing(null);
      onChanged(result.value);
    } else onError(result.error.message);
  };
  const shown = incident.photos.find((p) => p.photoId === viewing && p.removed === null);
  return (
    <div className="incident-photos" data-testid="incident-photos">
      <h4>
        Photos ({kept.length} of {INCIDENT_PHOTO_LIMIT})
      </h4>
      <ul className="photo-strip">
        {incident.photos.map((p) =>
          p.removed === null ? (
            <li key={p.photoId}>
              <Thumbnail photo={p} label={labelOf(p)} onOpen={() => setViewing(p.photoId)} />
            </li>
          ) : (
            <li key={p.photoId} className="muted" data-testid="incident-photo-removed">
              {labelOf(p)} removed {new Date(p.removed.at).toLocaleString()}: {p.removed.reason}
            </li>
          ),
        )}
      </ul>
      {kept.length >= INCIDENT_PHOTO_LIMIT ? null : (
        <label>
          Attach photo <input type="file" accept="image/png,image/jpeg,image/webp" disabled={busy} onChange={(e) => void attach(e)} />
        </label>
      )}
      {shown === undefined ? null : (
        <PhotoViewer
          photo={shown}
          label={labelOf(shown)}
          canRemove={canRemove}
          onClose={() => setViewing(null)}
          onRemove={(r) => void remove(shown.photoId, r)}
        />
      )}
    </div>
  );
}
