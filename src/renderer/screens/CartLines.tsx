import { useEffect, useRef, type ReactNode } from 'react';
import type { CartView } from '../../shared/contract/cart';
import { formatCents, formatMilligrams } from '../../shared/money';

type Line = CartView['lines'][number];

/**
 * The cart's lines, in a box that scrolls on its own (the pay area below it
 * never does); a new line scrolls into view. `children` follow the lines
 * inside the box (park, parked carts).
 */
export function CartLines({
  lines,
  onQuantity,
  onRemove,
  children,
}: {
  readonly lines: readonly Line[];
  readonly onQuantity: (lineId: string, quantity: number) => void;
  readonly onRemove: (lineId: string) => void;
  readonly children?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const count = useRef(lines.length);
  useEffect(() => {
    const element = box.current;
    if (element !== null && lines.length > count.current) {
      const last = element.querySelector('.cart-line:last-child');
      if (last instanceof HTMLElement) element.scrollTop = last.offsetTop + last.offsetHeight - element.clientHeight;
    }
    count.current = lines.length;
  }, [lines.length]);
  return (
    <div className="cart-scroll" ref={box} data-testid="cart-lines">
      {lines.length === 0 ? <p className="muted">Scan a product, a package tag or a SKU.</p> : null}
      <ol className="cart-lines">
        {lines.map((line) => (
          <li key={line.lineId} className="cart-line" data-testid="cart-line">
            <div className="cart-line-main">
              <span className="product-name">{line.name}</span>
              <span className="tag" title="Metrc package tag">
                {line.packageTag}
              </span>
            </div>
            <div className="cart-line-qty">
              {line.sellingMode === 'weight' ? (
                <span>{formatMilligrams(line.quantity)}</span>
              ) : (
                <>
                  <button
                    type="button"
                    aria-label={`One fewer ${line.name}`}
                    disabled={line.quantity <= 1}
                    onClick={() => onQuantity(line.lineId, line.quantity - 1)}
                  >
                    −
                  </button>
                  <span className="qty" data-testid="cart-line-qty">
                    {line.quantity}
                  </span>
                  <button type="button" aria-label={`One more ${line.name}`} onClick={() => onQuantity(line.lineId, line.quantity + 1)}>
                    +
                  </button>
                </>
              )}
              <span className="num">
                {formatCents(line.unitPriceCents)}
                {line.sellingMode === 'weight' ? ' / g' : ' ea'}
              </span>
              <button type="button" className="remove" aria-label={`Remove ${line.name}`} onClick={() => onRemove(line.lineId)}>
                ✕
              </button>
            </div>
          </li>
        ))}
      </ol>
      {children}
    </div>
  );
}
