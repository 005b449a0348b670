#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so a checkout works without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
