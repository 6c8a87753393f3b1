import { useEffect, useRef } from 'react';

/** Open dialogs, newest last: Escape closes only the one on top. */
const stack: symbol[] = [];

/**
 * Escape closes the dialog wherever focus is (a tap on the backdrop or on a
 * heading leaves it on the page body): the newest open dialog only.
 */
export function useDialogEscape(onCancel: () => void): void {
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  }, [onCancel]);
  useEffect(() => {
    const me = Symbol('dialog');
    stack.push(me);
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || stack.at(-1) !== me) return;
      event.preventDefault();
      event.stopPropagation();
      cancel.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      stack.splice(stack.indexOf(me), 1);
    };
  }, []);
}
