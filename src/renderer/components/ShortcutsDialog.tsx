import { useDialogEscape } from './useDialogEscape';
import type { ScreenEntry } from '../screens/screen-access';
import { PAY_CASH_KEY } from '../screens/PaymentPanel';

/** The keys the counter answers, listed on screen (`?`, or the ? button in the header). */
export function ShortcutsDialog({ screens, onClose }: { readonly screens: readonly ScreenEntry[]; readonly onClose: () => void }) {
  useDialogEscape(onClose);
  const rows: readonly (readonly [string, string])[] = [
    ...screens.flatMap((s) => (s.key === null ? [] : [[s.key, `${s.label} screen`] as const])),
    ['F7', 'Opening check (also opens by itself after the first sign-in of the day)'],
    ['F8', 'Report a problem to IT (the register attaches what it knows)'],
    ['Enter', 'In the scan box: add what was scanned or typed (UPC, tag, SKU); after a name, pick from the results'],
    ['↑ ↓', 'Move through the search results'],
    ['Enter', 'Add the highlighted result to the cart'],
    [PAY_CASH_KEY, 'At the counter, with a cart: pay in cash, keying the amount handed over'],
    ['Esc', 'Close a dialog (cancels it)'],
    ['?', 'This list (with the scan box empty)'],
  ];
  return (
    <div className="dialog-backdrop">
      <div className="dialog wide" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table className="figures shortcuts">
          <tbody>
            {rows.map(([key, what], i) => (
              <tr key={i}>
                <th scope="row">
                  <kbd>{key}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
