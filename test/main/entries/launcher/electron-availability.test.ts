import { describe, expect, it } from 'vitest';
import { electronAvailability, type MachineFacts } from '../../../../src/main/entries/launcher/electron-availability';

const machine = (over: Partial<MachineFacts> & { files?: Record<string, string> } = {}): MachineFacts => {
  const files = over.files ?? { '/app/node_modules/electron/path.txt': 'electron', '/app/node_modules/electron/dist/electron': '' };
  return {
    env: { DISPLAY: ':0' },
    platform: 'linux',
    electronPackageDir: '/app/node_modules/electron',
    exists: (path) => path in files,
    read: (path) => files[path] ?? '',
    ...over,
  };
};

describe('can this machine open the Electron window?', () => {
  it('yes, with the downloaded binary and a display', () => {
    expect(electronAvailability(machine())).toEqual({ ok: true, binary: '/app/node_modules/electron/dist/electron' });
  });

  it('no, when the binary was never downloaded — and says why', () => {
    expect(electronAvailability(machine({ files: {} }))).toEqual({ ok: false, reason: expect.stringContaining('never downloaded') });
  });

  it('no, when the electron package is absent', () => {
    expect(electronAvailability(machine({ electronPackageDir: null }))).toEqual({ ok: false, reason: expect.stringContaining('npm ci') });
  });

  it('no, on Linux without a display', () => {
    expect(electronAvailability(machine({ env: {} }))).toEqual({ ok: false, reason: expect.stringContaining('no display') });
    expect(electronAvailability(machine({ env: { WAYLAND_DISPLAY: 'wayland-0' } })).ok).toBe(true);
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH, and says when nothing is there', () => {
    expect(electronAvailability(machine({ env: { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' } }))).toEqual({
      ok: false,
      reason: 'the Electron binary is missing at /nowhere/electron',
    });
  });
});
