import { sql } from 'drizzle-orm';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Core } from './create-core';
import type { RegisterDb } from '../platform/db/open';
import { seededRandom } from '../../shared/random';
import { DEMO_STAFF, DEMO_STORE_ID } from '../features/demo/seed';

export interface SimulationResult {
  readonly sales: number;
  readonly voids: number;
  readonly returns: number;
  readonly refused: number;
  readonly saleIds: readonly string[];
}

export interface SimulationOptions {
  readonly count: number;
  readonly seed: number;
  /** Called after each committed sale (the crash test prints the id: an acknowledged sale). */
  readonly onSale?: (saleId: string) => void;
}

/**
 * Rings realistic sales through the register's own commands — sign-in,
 * check-in, scans, tenders, voids and returns — as a budtender would, so
 * load tests and support drills exercise the real paths. Demo store only:
 * fake sales must never land in a real store's books.
 */
export async function simulateSales(core: Core, db: RegisterDb, options: SimulationOptions): Promise<SimulationResult> {
  requireDemoStore(db);
  const random = seededRandom(options.seed);
  const manager = DEMO_STAFF.find((s) => s.role === 'manager');
  if (manager === undefined) throw new Error('demo store has no manager');
  // Signed in already (the crash test signs in before it says READY): a PIN check is not repeated.
  const session = await expectOk(core, 'session-get', {});
  if (session.staff?.staffId !== manager.id || session.locked) await expectOk(core, 'session-sign-in', { staffId: manager.id, pin: manager.pin });
  await ensureDrawerOpen(core);
  receiveStock(db);
  const catalog = sellable(db);
  const saleIds: string[] = [];
  let voids = 0;
  let returns = 0;
  let refused = 0;
  while (saleIds.length < options.count) {
    const sale = await ringOne(core, catalog, random);
    if (sale === null) {
      refused += 1;
      continue;
    }
    saleIds.push(sale.saleId);
    options.onSale?.(sale.saleId);
    const roll = random();
    if (roll < 0.03) {
      await expectOk(core, 'sale-void', { saleId: sale.saleId, reason: 'Customer changed their mind' });
      voids += 1;
    } else if (roll < 0.06) {
      const found = await expectOk(core, 'sale-find', { saleNumber: sale.saleNumber });
      const line = found.lines[0];
      if (line !== undefined) {
        await expectOk(core, 'sale-return', {
          saleId: sale.saleId,
          lines: [{ saleLineId: line.saleLineId, quantity: 1 }],
          reason: 'Defective cartridge',
          disposition: 'quarantine',
        });
        returns += 1;
      }
    }
  }
  return { sales: saleIds.length, voids, returns, refused, saleIds };
}

interface Sellable {
  readonly tag: string;
  readonly weighed: boolean;
}

async function ringOne(core: Core, catalog: readonly Sellable[], random: () => number): Promise<{ saleId: string; saleNumber: string } | null> {
  const cart = await expectOk(core, 'cart-open', {});
  const birthYear = 1950 + Math.floor(random() * 50);
  const checkIn = await expectOk(core, 'customer-check-in', {
    cartId: cart.cartId,
    saleType: 'adult',
    method: 'manual',
    id: {
      idNumber: `D${Math.floor(random() * 1e7)}`,
      firstName: 'Sim',
      lastName: `Customer${Math.floor(random() * 1e4)}`,
      dateOfBirth: `${birthYear}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      expiry: '2030-06-30',
      issuer: 'CA',
    },
  });
  if (checkIn.outcome !== 'accepted') return null;
  const lines = 1 + Math.floor(random() * 3);
  let view: CommandOutput<'cart-scan'> | null = null;
  for (let i = 0; i < lines; i += 1) {
    const item = catalog[Math.floor(random() * catalog.length)];
    if (item === undefined) continue;
    const scanned = await core.send('cart-scan', {
      cartId: cart.cartId,
      code: item.tag,
      ...(item.weighed ? { weightMg: 1_000 + Math.floor(random() * 3) * 500 } : {}),
    });
    if (scanned.ok) view = scanned.value;
  }
  if (view === null || view.lines.length === 0 || view.totals === null) return null;
  const total = view.totals.totalCents;
  const tender = random();
  const tenders: CommandInput<'sale-complete'>['tenders'] =
    tender < 0.6
      ? [{ tender: 'cash', tenderedCents: Math.ceil(total / 2_000) * 2_000 }]
      : tender < 0.9
        ? [{ tender: 'debit', amountCents: total, reference: `AUTH${Math.floor(random() * 1e6)}` }]
        : [
            { tender: 'debit', amountCents: Math.floor(total / 2), reference: `AUTH${Math.floor(random() * 1e6)}` },
            { tender: 'cash', tenderedCents: total - Math.floor(total / 2) },
          ];
  const sale = await core.send('sale-complete', { cartId: cart.cartId, tenders });
  // A refusal (a limit, say) is a realistic outcome, not a failure of the simulation.
  if (!sale.ok) return null;
  return { saleId: sale.value.saleId, saleNumber: sale.value.saleNumber };
}

function requireDemoStore(db: RegisterDb): void {
  const demo = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM stores WHERE id = ${DEMO_STORE_ID}`);
  if ((demo?.n ?? 0) === 0) throw new AppError('NOT_DEMO_STORE', 'Simulated sales run only on the demo store: they must never enter a real store’s books.');
}

async function ensureDrawerOpen(core: Core): Promise<void> {
  const status = await expectOk(core, 'drawer-status', {});
  if (status.session === null) await expectOk(core, 'drawer-open', { count: { '2000': 10, '500': 10, '100': 20 } });
}

/** A simulated day sells far more than the demo shelves hold: the demo store takes in stock first (a delivery, not a sale). */
function receiveStock(db: RegisterDb): void {
  db.run(sql`UPDATE packages SET quantity_on_hand = CASE unit WHEN 'mg' THEN 1000000000 ELSE 1000000 END WHERE store_id = ${DEMO_STORE_ID}`);
}

function sellable(db: RegisterDb): Sellable[] {
  return db
    .all<{ tag: string; unit: string }>(
      sql`SELECT pk.tag, pk.unit FROM packages pk JOIN products p ON p.id = pk.product_id WHERE pk.store_id = ${DEMO_STORE_ID} AND pk.status = 'active' AND p.category <> 'accessory' ORDER BY pk.tag`,
    )
    .map((row) => ({ tag: row.tag, weighed: row.unit === 'mg' }));
}

async function expectOk<N extends CommandName>(core: Core, name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
  const result = await core.send(name, input);
  if (!result.ok) throw new AppError(result.error.code, `${name}: ${result.error.message}`);
  return result.value;
}
