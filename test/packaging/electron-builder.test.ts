import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/cli';

const config = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('packaging config', () => {
  it('flips the Electron fuses that turn the app into a general-purpose Node', () => {
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('ships the SQL migrations where the shell looks for them', () => {
    expect(config['extraResources']).toContainEqual({ from: 'migrations', to: 'migrations' });
    expect(config['asar']).toBe(true);
  });

  it('points package.json main at the built main process', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('documents code signing from the environment and commits no secret (issue #16, finding 16)', () => {
    const text = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');
    for (const name of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'WIN_CSC_LINK', 'APPLE_ID', 'APPLE_TEAM_ID']) expect(text).toContain(name);
    expect(text).not.toMatch(/^\s*(certificatePassword|cscKeyPassword|cscLink|certificateFile)\s*:/m);
    expect(config['win']).toMatchObject({ signtoolOptions: { signingHashAlgorithms: ['sha256'] } });
    expect(config['mac']).toMatchObject({ hardenedRuntime: true, notarize: true });
  });
});
