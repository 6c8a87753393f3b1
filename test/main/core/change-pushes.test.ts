import { afterEach, describe, expect, it } from 'vitest';
import { pushChanges } from '../../../src/main/core/change-pushes';
import { noDevices } from '../../../src/main/features/devices/service';
import { syncNotRunning } from '../../../src/main/features/sync/monitor';
import { storeNotLinked, type StoreLinkMonitor } from '../../../src/main/features/store-link/store-connection';
import { DEMO_TERMINAL_ID } from '../../../src/main/features/demo/seed';
import type { PushEvent } from '../../../src/shared/contract/pushes';
import { openTempDatabase, type TempDatabase } from '../../support/temp-db';

/**
 * The header's alerts and the store server's standing reach the screen as
 * pushes (issue #19) where the page polled them: an alert raised or
 * acknowledged, a register cut off from its store server or back, each
 * pushed once; the lease's clock skew, which moves at every renewal, is not
 * a change.
 */
let database: TempDatabase | undefined;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  database?.dispose();
});

describe('the core’s change pushes', () => {
  it('push alerts-changed when an alert is raised or acknowledged, and store-link-changed when the register is cut off or back — once each', async () => {
    const db = openTempDatabase({ demo: true });
    database = db;
    let standing: ReturnType<StoreLinkMonitor['state']> = {
      linked: true,
      mode: 'connected',
      isolation: storeNotLinked.state().isolation,
      designated: false,
      configVersion: 3,
      skewMs: 4,
    };
    const storeLink: StoreLinkMonitor = { ...storeNotLinked, state: () => standing };
    const heard: PushEvent['kind'][] = [];
    stop = pushChanges({
      db: db.db,
      terminalId: DEMO_TERMINAL_ID,
      sync: syncNotRunning,
      devices: noDevices,
      storeLink,
      push: (event) => heard.push(event.kind),
      everyMs: 20,
    }).stop;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

    // A lease renewed: only the skew moved. Nothing is pushed.
    standing = { ...standing, skewMs: -7 };
    await settle();
    expect(heard).toEqual([]);

    db.sqlite
      .prepare("INSERT INTO staff_alerts (id, kind, dedupe_key, title, detail, raised_at) VALUES ('a1', 'order_overdue', 'k1', 'Order late', 'Order 1', ?)")
      .run(Date.now());
    await expect.poll(() => heard).toEqual(['alerts-changed']);
    standing = { ...standing, mode: 'isolated' };
    await expect.poll(() => heard).toEqual(['alerts-changed', 'store-link-changed']);
    db.sqlite.prepare("UPDATE staff_alerts SET acknowledged_at = ?, acknowledged_by = 'staff-demo-manager' WHERE id = 'a1'").run(Date.now());
    standing = { ...standing, mode: 'connected' };
    await expect.poll(() => heard).toEqual(['alerts-changed', 'store-link-changed', 'alerts-changed', 'store-link-changed']);
    await settle();
    expect(heard).toHaveLength(4);
  });
});
