// @ts-check
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * Feature boundaries inside the register's core (issue #14).
 *
 * `src/main` has four layers, each importing only downwards:
 *
 *   entries/   the programs' thin entries (Electron shell, preload, headless host, CLI)
 *   core/      composition: the command registry, wiring every feature
 *   features/  what a dispensary calls things: checkout, compliance, cash-drawer…
 *   platform/  infrastructure: database, audit, security, config, logging
 *
 * and everything may use `src/shared` (the contract and the pure domain rules).
 *
 * A feature may import another feature only if the map below says so. The
 * map is a promise about the architecture: it has no cycles (a test checks),
 * and a new arrow is a design decision made in review, not a side effect of
 * an auto-import. From `core/` a feature may use only the handler kit it
 * registers its commands with.
 */
export const FEATURE_DEPENDENCIES = /** @type {const} */ ({
  store: [],
  customers: ['store'],
  catalog: ['store'],
  promotions: [],
  devices: [],
  printing: ['devices'],
  receipts: ['printing'],
  staff: ['store', 'store-link'],
  demo: ['store', 'customers'],
  sync: ['store', 'customers'],
  'store-link': ['store', 'customers', 'customer-profile', 'promotions', 'sync'],
  compliance: ['store', 'customers', 'sync'],
  'cash-drawer': ['store', 'devices', 'staff'],
  taxes: ['store', 'store-link'],
  loyalty: [],
  quality: ['store', 'customers', 'store-link'],
  checkout: [
    'store',
    'catalog',
    'cash-drawer',
    'compliance',
    'customers',
    'devices',
    'loyalty',
    'printing',
    'promotions',
    'quality',
    'receipts',
    'store-link',
    'sync',
    'taxes',
  ],
  'check-in': ['store', 'customers', 'compliance', 'checkout', 'store-link'],
  reports: ['store', 'cash-drawer', 'printing', 'sync'],
  'opening-check': ['store', 'sync', 'devices'],
  'it-incidents': ['store', 'customers', 'devices', 'sync', 'store-link'],
  receiving: ['store', 'sync', 'store-link'],
  'inventory-counts': ['store', 'sync', 'store-link'],
  care: ['store', 'customers'],
  'online-orders': ['store', 'catalog', 'checkout', 'compliance', 'customers', 'sync', 'notifications', 'store-link'],
  notifications: ['store', 'sync'],
  'staff-alerts': ['store', 'sync', 'online-orders'],
  'customer-profile': ['store', 'customers', 'notifications'],
  thresholds: ['store', 'store-link'],
});

/** The part of `core/` features build on: the command handler kit. */
const CORE_KIT = ['core/handler.ts', 'core/signed-in.ts'];

const LAYERS = /** @type {const} */ (['entries', 'core', 'features', 'platform']);

/** Where a file sits under src/main: its layer and (for features) its feature name. @param {string} file */
function placeOf(file) {
  const mainRoot = file.lastIndexOf(`${sep}src${sep}main${sep}`);
  if (mainRoot < 0) return null;
  const rest = file.slice(mainRoot + `${sep}src${sep}main${sep}`.length).split(sep);
  const layer = /** @type {(typeof LAYERS)[number] | undefined} */ (LAYERS.find((l) => l === rest[0]));
  if (layer === undefined) return { layer: 'entries', feature: null, path: rest.join('/') };
  return { layer, feature: layer === 'features' ? (rest[1] ?? null) : null, path: rest.join('/') };
}

/** @type {import('eslint').Rule.RuleModule} */
export const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the core layered and features inside their declared dependencies' },
    schema: [],
    messages: {
      feature:
        'The {{from}} feature may not import from the {{to}} feature ({{target}}): talk through a command, the shared domain, or declare the dependency in eslint-rules/feature-boundaries.js if the design calls for it.',
      upward:
        'src/main/{{fromLayer}} may not import from src/main/{{toLayer}} ({{target}}): layers import only downwards (entries → core → features → platform).',
      core: 'A feature may use only the handler kit from core/ ({{kit}}), not {{target}}.',
    },
  },
  create(context) {
    const from = placeOf(context.filename);
    if (from === null) return {};
    /** @param {import('estree').ImportDeclaration | import('estree').ExportNamedDeclaration | import('estree').ExportAllDeclaration} node */
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const to = placeOf(resolve(dirname(context.filename), specifier));
      if (to === null) return;
      const target = relative(context.cwd, resolve(dirname(context.filename), specifier));
      const rank = (/** @type {string} */ l) => LAYERS.indexOf(/** @type {(typeof LAYERS)[number]} */ (l));
      if (from.layer === 'features' && to.layer === 'core') {
        if (!CORE_KIT.some((k) => to.path === k || `${to.path}.ts` === k))
          context.report({ node, messageId: 'core', data: { kit: CORE_KIT.join(', '), target } });
        return;
      }
      if (rank(to.layer) < rank(from.layer)) {
        context.report({ node, messageId: 'upward', data: { fromLayer: from.layer, toLayer: to.layer, target } });
        return;
      }
      if (from.layer === 'features' && to.layer === 'features' && from.feature !== to.feature && from.feature !== null && to.feature !== null) {
        const allowed = /** @type {Record<string, readonly string[]>} */ (FEATURE_DEPENDENCIES)[from.feature] ?? [];
        if (!allowed.includes(to.feature)) context.report({ node, messageId: 'feature', data: { from: from.feature, to: to.feature, target } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
