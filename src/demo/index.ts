export { DEMO_REVISION, startDemoPortal, type DemoPortal, type DemoPortalOptions, type DemoStage } from './portal';
