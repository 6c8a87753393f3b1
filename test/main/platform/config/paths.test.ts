import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDirectory, databasePath, findMigrationsFolder } from '../../../../src/main/platform/config/paths';

describe('paths', () => {
  it('uses the OS app-data folder that Electron uses for userData', () => {
    expect(appDataDirectory('linux', {})).toBe(join(homedir(), '.config', 'Greentill'));
    expect(appDataDirectory('linux', { XDG_CONFIG_HOME: '/x' })).toBe('/x/Greentill');
    expect(appDataDirectory('darwin', {})).toBe(join(homedir(), 'Library', 'Application Support', 'Greentill'));
    expect(appDataDirectory('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' })).toContain('Greentill');
  });

  it('lets GREENTILL_DB override the database file', () => {
    expect(databasePath({ GREENTILL_DB: 'rel/till.sqlite' }, '/data')).toBe(resolve('rel/till.sqlite'));
    expect(databasePath({}, '/data')).toBe('/data/greentill.sqlite');
    expect(databasePath({ GREENTILL_DB: '' }, '/data')).toBe('/data/greentill.sqlite');
  });

  it('finds the shipped migrations from the source tree', () => {
    expect(findMigrationsFolder()).toMatch(/migrations$/);
    expect(() => findMigrationsFolder('/')).toThrow(/No migrations folder/);
  });
});
