import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsReference } from '../../src/core/settings-reference';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

describe('README stays true to the code', () => {
  it('holds the configuration table generated from the settings schema', () => {
    expect(readme).toContain(settingsReference());
  });

  it('its Quick start commands are package scripts', () => {
    const quickStart = readme.slice(readme.indexOf('## 快速开始'), readme.indexOf('##', readme.indexOf('## 快速开始') + 3));
    const commands = [...quickStart.matchAll(/^npm (?:run )?([\w:-]+)$/gm)].map((m) => m[1]!);
    expect(commands).toEqual(['demo', 'test']);
    for (const command of commands) expect(pkg.scripts[command]).toBeDefined();
  });
});
