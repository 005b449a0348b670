import { structuredPatch } from 'diff';
import type { TextDiff } from '../core/types';

/** Line diff of two display texts, in unified hunks with 2 lines of context. */
export function diffText(oldText: string, newText: string): TextDiff {
  const patch = structuredPatch('old', 'new', oldText, newText, '', '', { context: 2 });
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((hunk) => {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added++;
      else if (line.startsWith('-')) removed++;
    }
    return [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines].join('\n');
  });
  return { added, removed, hunks };
}
