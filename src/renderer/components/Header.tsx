import type { StoreInfo } from '../../shared/contract/store';
import { useSession } from '../state/session-store';
import { SignOutButton } from './SignOutButton';
import { StaffAlerts } from './StaffAlerts';
import { SyncIndicator } from './SyncIndicator';

export function Header({
  storeInfo,
  signedIn,
  onOpenSync,
  onShowShortcuts,
  onReportProblem,
}: {
  readonly storeInfo: StoreInfo | null;
  readonly signedIn: boolean;
  readonly onOpenSync: () => void;
  readonly onShowShortcuts: () => void;
  readonly onReportProblem: () => void;
}) {
  const { session, lock } = useSession();
  const who = session?.staff != null && !session.locked ? session.staff : null;
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ●
        </span>
        Greentill
      </div>
      {storeInfo === null ? (
        <div className="header-store">Connecting to the register…</div>
      ) : (
        <div className="header-store" data-testid="store-name">
          <strong>{storeInfo.store.name}</strong>
          <span>
            {storeInfo.terminal.name} · Licence {storeInfo.store.licenseNumber} · {storeInfo.store.state}
          </span>
        </div>
      )}
      {signedIn ? <StaffAlerts /> : null}
      {signedIn ? <SyncIndicator onOpen={onOpenSync} /> : null}
      {who === null ? null : (
        <div className="header-user">
          <span data-testid="signed-in-as">{who.displayName}</span>
          <button type="button" className="ghost" aria-label="IT: report a problem" title="Report a problem to IT (F8)" onClick={onReportProblem}>
            ⚑ IT
          </button>
          <button type="button" className="ghost" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onShowShortcuts}>
            ?
          </button>
          <button type="button" className="ghost" onClick={() => void lock()}>
            Lock
          </button>
          <SignOutButton name={who.displayName} />
        </div>
      )}
    </header>
  );
}
