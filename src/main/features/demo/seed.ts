import { deviceConfigs, packages, productImages, products, promotions, settings, staff, stores, terminals } from '../../platform/db/schema';
import { demoPicture } from './images';
import { seedDemoCertificates } from './certificates';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import { appendAudit } from '../../platform/audit/log';
import { gtinCheckDigit } from '../../../shared/barcode/gtin';
import { THIS_TERMINAL_KEY } from '../store/terminal';
import { demoProducts } from './catalog';
import { demoPromotions } from './promotions';
import { insertCustomer, type NewCustomer } from '../customers/customer-records';
import { sealMedicalRegistration } from '../customers/pii';
import type { PiiKeys } from '../../platform/security/pii-crypto';

export const DEMO_STORE_ID = 'store-demo-oakland';

/**
 * The demo staff and their PINs — demo data only, printed in the README so a
 * newcomer can sign in. The hashes were made once with `hashPin` (scrypt,
 * per-staff salt); a real store sets its own PINs at first run.
 */
export const DEMO_STAFF = [
  {
    id: 'staff-demo-admin',
    displayName: 'Alex Admin',
    role: 'admin',
    pin: '5090',
    pinHash: 'scrypt$32768$8$1$gwwKywNofkiQ3cgtol_uNw$D76rWTwDOW-nfGt0uGbK1cwjMdaWv8nenjF-Atalt-I',
  },
  {
    id: 'staff-demo-manager',
    displayName: 'Morgan Manager',
    role: 'manager',
    pin: '7316',
    pinHash: 'scrypt$32768$8$1$dx1xaukdV6nPoUrBr6r2_w$VTM72F_iotlFnQWN2DnNagze_dTiFGye1TKec74fQi4',
  },
  {
    id: 'staff-demo-budtender',
    displayName: 'Bailey Budtender',
    role: 'budtender',
    pin: '3852',
    pinHash: 'scrypt$32768$8$1$zsEidt8TIvxtglti1l70ug$nyQ_t9wGvBNznpN1F-8Kpxb9Q-ueTK6IDchQRVb3Uf4',
  },
  {
    id: 'staff-demo-compliance',
    displayName: 'Quinn Compliance',
    role: 'compliance_officer',
    pin: '6043',
    pinHash: 'scrypt$32768$8$1$E3RC6-NOHYRhv7KPyFJrCg$uQhSlxm6vtpXHnXb_NJhCYx0uMAeOBgF23zZ-_n31ZM',
  },
] as const;
export const DEMO_TERMINAL_ID = 'terminal-demo-1';

/** The demo counter's devices: all simulated (a real store sets its own up). */
export const DEMO_DEVICES = [
  { id: 'device-demo-receipt-printer', role: 'receipt_printer' },
  { id: 'device-demo-cash-drawer', role: 'cash_drawer' },
  { id: 'device-demo-barcode-scanner', role: 'barcode_scanner' },
] as const;

/** A Metrc-looking 24-character tag: the demo licensee's prefix and a serial. */
export function demoPackageTag(serial: number): string {
  return `1A4060300003C25${String(serial).padStart(9, '0')}`;
}

/** A UPC-A with a correct check digit, under a fictional manufacturer prefix. */
export function demoUpc(index: number): string {
  const body = `85000${String(1000 + index).padStart(6, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

/**
 * Seeds a California demo store on a blank database so a newcomer sees a
 * working register at once. Deterministic: the same rows every time.
 */
export function seedDemoStore(db: RegisterDb, piiKeys: PiiKeys, now: Date = new Date()): void {
  writeTransaction(db, (tx) => {
    tx.insert(stores)
      .values({
        id: DEMO_STORE_ID,
        name: 'Greentill Demo Dispensary',
        licenseNumber: 'C10-0000786-LIC',
        state: 'CA',
        timeZone: 'America/Los_Angeles',
        address: '1200 Broadway, Oakland, CA 94612',
        createdAt: now,
      })
      .run();
    tx.insert(terminals).values({ id: DEMO_TERMINAL_ID, storeId: DEMO_STORE_ID, name: 'Counter 1', saleNumberPrefix: 'C1' }).run();
    // Simulated hardware, said so on the health screen: nothing real is printed, opened or scanned.
    tx.insert(deviceConfigs)
      .values(
        DEMO_DEVICES.map(({ id, role }) => ({
          id,
          terminalId: DEMO_TERMINAL_ID,
          role,
          transport: 'simulated' as const,
          path: null,
          options: {},
          enabled: true,
        })),
      )
      .run();
    tx.insert(staff)
      .values(DEMO_STAFF.map(({ id, displayName, role, pinHash }) => ({ id, storeId: DEMO_STORE_ID, displayName, role, pinHash, createdAt: now })))
      .run();
    let serial = 1;
    demoProducts.forEach((p, index) => {
      const productId = `product-demo-${String(index + 1).padStart(3, '0')}`;
      const imageId = p.picture === undefined ? null : `image-demo-${String(index + 1).padStart(3, '0')}`;
      if (imageId !== null && p.picture !== undefined)
        tx.insert(productImages)
          .values({ id: imageId, storeId: DEMO_STORE_ID, mimeType: 'image/png', data: demoPicture(p.picture), createdAt: now.toISOString() })
          .run();
      tx.insert(products)
        .values({
          id: productId,
          storeId: DEMO_STORE_ID,
          sku: `GT-${String(index + 1).padStart(4, '0')}`,
          upc: p.sellingMode === 'weight' ? null : demoUpc(index),
          name: p.name,
          brand: p.brand,
          strain: p.strain,
          category: p.category,
          sellingMode: p.sellingMode,
          priceCents: p.priceCents,
          netWeightMg: p.netWeightMg,
          thcMg: p.thcMg,
          thcPercentBp: p.thcPercentBp,
          piecesPerUnit: p.piecesPerUnit ?? null,
          imageId,
          coaLabName: p.category === 'accessory' ? null : 'Bay Analytical Labs',
          coaBatchNumber: p.category === 'accessory' ? null : `BAL-2026-${String(4000 + index)}`,
          coaTestedOn: p.category === 'accessory' ? null : '2026-09-15',
        })
        .run();
      // Two packages per product, the older first, so FIFO picking has a choice.
      for (const [age, quantity] of [
        [0, p.sellingMode === 'weight' ? 450_000 : 24],
        [1, p.sellingMode === 'weight' ? 120_000 : 6],
      ] as const) {
        tx.insert(packages)
          .values({
            id: `package-demo-${serial}`,
            storeId: DEMO_STORE_ID,
            tag: demoPackageTag(serial),
            productId,
            unit: p.sellingMode === 'weight' ? 'mg' : 'each',
            quantityOnHand: quantity,
            packagedDate: age === 0 ? '2026-08-01' : '2026-10-01',
            labTestingState: p.category === 'accessory' ? 'NotRequired' : 'TestPassed',
            status: 'active',
          })
          .run();
        serial += 1;
      }
    });
    seedDemoCertificates(tx, DEMO_STORE_ID, 'staff-demo-admin', now);
    // Names and birth dates are sealed like any customer's (and indexed for the name search).
    for (const customer of [
      {
        id: 'customer-demo-adult',
        storeId: DEMO_STORE_ID,
        customerType: 'adult',
        firstName: 'Jordan',
        lastName: 'Rivera',
        dateOfBirth: '1990-04-12',
        createdAt: now,
      },
      {
        id: 'customer-demo-young',
        storeId: DEMO_STORE_ID,
        customerType: 'adult',
        firstName: 'Casey',
        lastName: 'Lin',
        dateOfBirth: '2006-02-20',
        createdAt: now,
      },
      {
        id: 'customer-demo-medical',
        storeId: DEMO_STORE_ID,
        customerType: 'medical',
        firstName: 'Sam',
        lastName: 'Medina',
        dateOfBirth: '1978-11-03',
        ...sealMedicalRegistration(piiKeys, 'CA-MMIC-2207841'),
        medicalExpiry: '2027-08-31',
        createdAt: now,
      },
      {
        id: 'customer-demo-medical-expired',
        storeId: DEMO_STORE_ID,
        customerType: 'medical',
        firstName: 'Pat',
        lastName: 'Okafor',
        dateOfBirth: '1985-06-21',
        ...sealMedicalRegistration(piiKeys, 'CA-MMIC-1993320'),
        medicalExpiry: '2025-12-31',
        createdAt: now,
      },
    ] satisfies NewCustomer[])
      insertCustomer(tx, piiKeys, customer);
    tx.insert(promotions)
      .values(demoPromotions.map(({ id, name, definition }) => ({ id, storeId: DEMO_STORE_ID, name, definition, active: true, createdAt: now })))
      .run();
    tx.insert(settings)
      .values([
        { key: THIS_TERMINAL_KEY, value: DEMO_TERMINAL_ID, updatedAt: now },
        { key: 'demo_store', value: true, updatedAt: now },
      ])
      .run();
    appendAudit(tx, {
      at: now,
      staffId: null,
      terminalId: DEMO_TERMINAL_ID,
      action: 'store.seed-demo',
      entityType: 'store',
      entityId: DEMO_STORE_ID,
      after: { products: demoProducts.length, packages: serial - 1, devices: DEMO_DEVICES.length },
    });
  });
}
