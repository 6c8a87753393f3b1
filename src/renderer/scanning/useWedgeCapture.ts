import { useEffect, useRef } from 'react';
import { WedgeCapture, type FieldSnapshot } from '../../shared/scan/wedge-capture';

/** Inputs that take text (not buttons, boxes or pickers, where a keystroke is not text). */
const NOT_TEXT = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'image', 'range', 'color', 'hidden']);

function isTextField(element: Element | null): element is HTMLInputElement | HTMLTextAreaElement {
  return element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && !NOT_TEXT.has(element.type));
}

/** Sets a field's value so React sees it as typed (its own value tracker would hide a plain assignment). */
function setFieldValue(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element) as object, 'value')?.set;
  if (setter === undefined) return;
  setter.call(element, value);
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function snapshotOf(element: Element | null): FieldSnapshot | null {
  if (isTextField(element)) {
    const value = element.value;
    let selection: [number, number] | null = null;
    try {
      if (element.selectionStart !== null && element.selectionEnd !== null) selection = [element.selectionStart, element.selectionEnd];
    } catch {
      // Some input types (number, date) have no selection.
    }
    return {
      restore: () => {
        if (!element.isConnected || element.value === value) return;
        setFieldValue(element, value);
        try {
          if (selection !== null) element.setSelectionRange(selection[0], selection[1]);
        } catch {
          // As above.
        }
      },
    };
  }
  if (element instanceof HTMLSelectElement) {
    const value = element.value;
    return { restore: () => void (element.isConnected && element.value !== value && setFieldValue(element, value)) };
  }
  return null;
}

/**
 * On screens without a scan box: a keyboard-wedge scanner's keystrokes are
 * recognised by their timing (WedgeDetector) and handed to `onScan`, wherever
 * focus was; a person's typing is never delayed or changed (see
 * WedgeCapture). Off while a dialog is open (dialogs read their own scans)
 * and inside any element marked `data-scan-field`.
 */
export function useWedgeCapture(enabled: boolean, onScan: (data: string) => void, options: { readonly prefix?: string | undefined } = {}): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  const prefix = options.prefix;
  useEffect(() => {
    if (!enabled) return;
    const capture = new WedgeCapture((data) => handler.current(data), prefix === undefined ? {} : { prefix });
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const deadline = capture.nextDeadline();
      if (deadline === null) return;
      timer = setTimeout(
        () => {
          timer = null;
          capture.flush(performance.now());
          schedule();
        },
        Math.max(0, deadline - performance.now()),
      );
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.isComposing) return;
      const active = document.activeElement;
      const exempt = document.querySelector('[role="dialog"]') !== null || (active instanceof HTMLElement && active.closest('[data-scan-field]') !== null);
      if (exempt) {
        capture.release();
        schedule();
        return;
      }
      const { swallow } = capture.key(
        { key: event.key, timeMs: event.timeStamp, person: event.ctrlKey || event.metaKey || event.altKey || event.repeat, editing: isTextField(active) },
        () => snapshotOf(active),
      );
      if (swallow) {
        event.preventDefault();
        event.stopPropagation();
      }
      schedule();
    };
    const onBlur = (): void => {
      capture.release();
      schedule();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('blur', onBlur);
      if (timer !== null) clearTimeout(timer);
      capture.release();
    };
  }, [enabled, prefix]);
}
