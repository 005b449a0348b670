import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { NianbaoError } from '../core/errors';
import { portalFileSchema, type Portal } from '../core/portal';
import { describeIssues } from '../core/validation';

/** Problems in one file, or null when it is valid. */
function parsePortalFile(file: string, text: string): { portals: Portal[]; problems: string[] } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return { portals: [], problems: doc.errors.map((e) => `${file}: YAML syntax: ${e.message.split('\n')[0]} (fix the indentation or quoting there)`) };
  }
  const result = portalFileSchema.safeParse(doc.toJS());
  if (!result.success) return { portals: [], problems: describeIssues(file, result.error) };
  return { portals: result.data.portals, problems: [] };
}

/**
 * Reads every `*.yaml` / `*.yml` in a folder. Start-up stops on the first invalid file set,
 * with one error naming each file, field and fix, because a half-loaded config would silently stop watching portals.
 */
export async function loadPortalFiles(dir: string): Promise<Portal[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new NianbaoError('ERR_CONFIG_INVALID', `无法读取配置目录 / cannot read config folder ${dir}`, { cause });
  }
  const portals: Portal[] = [];
  const problems: string[] = [];
  const origin = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const parsed = parsePortalFile(file, await readFile(file, 'utf8'));
    problems.push(...parsed.problems);
    parsed.portals.forEach((portal, index) => {
      const first = origin.get(portal.id);
      if (first) problems.push(`${file}: portals[${index}].id: "${portal.id}" is already defined in ${first}; ids must be unique across files`);
      origin.set(portal.id, file);
      portals.push(portal);
    });
  }
  if (problems.length > 0) {
    throw new NianbaoError('ERR_CONFIG_INVALID', `门户配置无效 / invalid portal configuration:\n  ${problems.join('\n  ')}`, { details: { problems } });
  }
  return portals;
}
