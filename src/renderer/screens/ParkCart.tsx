import { useState } from 'react';

interface Parked {
  readonly cartId: string;
  readonly label: string;
  readonly lines: number;
}

/** Park the cart under a name to serve someone else; resume a parked one. */
export function ParkCart({
  canPark,
  parked,
  onPark,
  onResume,
}: {
  readonly canPark: boolean;
  readonly parked: readonly Parked[];
  readonly onPark: (label: string) => Promise<void>;
  readonly onResume: (cartId: string) => void;
}) {
  const [label, setLabel] = useState('');
  return (
    <>
      {canPark ? (
        <form
          className="park"
          onSubmit={(event) => {
            event.preventDefault();
            if (label.trim() !== '') void onPark(label).then(() => setLabel(''));
          }}
        >
          <input aria-label="Park label" placeholder="Name to park under" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={40} />
          <button type="submit" disabled={label.trim() === ''}>
            Park
          </button>
        </form>
      ) : null}
      {parked.length > 0 ? (
        <section aria-label="Parked carts">
          <h3>Parked</h3>
          <ul className="parked">
            {parked.map((p) => (
              <li key={p.cartId}>
                <button type="button" onClick={() => onResume(p.cartId)}>
                  Resume “{p.label}” ({p.lines})
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
