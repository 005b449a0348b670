export { startGkmlptPortal, type GkmlptPortalOptions } from './gkmlpt';
export { startHanwebPortal, type HanwebPortalOptions } from './hanweb';
export { startTrsPortal, type TrsPortalOptions } from './trs';
export type { ColumnOptions } from './column';
export type { FixturePortal, ServedRequest } from './server';
