import type { StoreInfo } from '../../shared/contract/store';

export function Header({ storeInfo }: { readonly storeInfo: StoreInfo | null }) {
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
    </header>
  );
}
