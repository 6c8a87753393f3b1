/** The lanes the register owes, each replayed in order on its own: the state's traceability system and the online menu. */
export const TRACEABILITY_LANE = 'metrc';
export const MENU_LANE = 'ecommerce:menu';
