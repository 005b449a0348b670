/** Characters that end the clause a figure's label is taken from. */
export const CLAUSE_BOUNDARY = /[。！？!?；;，,、：:()（）【】\[\]|]/;

const QUOTES = /[“”‘’"'《》〈〉「」『』\s]/g;
/** A long book title names a document, not what is counted: 制定重大行政决策《…村庄规划(2022-2035年)》1件. */
const DOCUMENT_TITLE = /《[^》]{9,}》/g;

/** Words that open a clause without saying what is counted: dates, 今年以来, 其中, 共, list ordinals … */
const LEADING_FILLER = new RegExp(
  '^(?:' +
    [
      '[一二三四五六七八九十]{1,3}[、.．]',
      '[(（][一二三四五六七八九十]{1,3}[)）]',
      '\\d{1,2}[.．、]',
      '[一二三四五六七八九十]{1,3}是',
      '\\d{4}年度?(?:以来)?(?:\\d{1,2}月(?:份)?(?:\\d{1,2}日)?)?',
      '\\d{1,2}月(?:份)?(?:\\d{1,2}日)?(?:以来)?',
      '今年以来', '一年来', '近年来', '今年', '年内', '年度内', '全年', '截至目前', '截至', '目前', '其中', '共计', '共', '累计', '合计', '总计',
      '另外', '同时', '此外', '并且', '先后', '分别', '以及', '我区', '我镇', '我县', '我市', '我局',
      // Single characters open many words (共享, 及格, 还款); only these readings are fillers.
      '共(?![享青同建治性])', '并(?![购联发入列])', '还(?![款原])',
    ].join('|') +
    ')',
);

/** Words that close a clause before its number: 达, 为, 至 … (调解成功率达99.87% → 调解成功率). */
const TRAILING_FILLER =
  /(?:达到|(?<![到发下送表传抵通转])达|(?<![行作认成因称更])为|共计|共|累计|合计|(?<![合节制签预公条])约|(?<![最附接将临])近|超过|超|逾|多达|高达|(?<![统估预合共累总设审会])计|(?<![所没拥现具享占持])有|了|(?<![乃甚])至|(?<![收达得做受遇找看听想报])到|由|从|是|的|分别|(?<![平同对均])等)$/;

/** A clause that is only a conjunction (…15个内设部门及2个市直部门) says nothing by itself. */
const CONJUNCTION_ONLY = /^(?:及|和|与|并|以及|或|、)$/;

const MAX_BEFORE = 20;
const MAX_AFTER = 12;

function stripRepeatedly(text: string, pattern: RegExp): string {
  let current = text;
  for (;;) {
    const next = current.replace(pattern, '');
    if (next === current || next.length === 0) return next;
    current = next;
  }
}

/** The words before a number that say what it counts, without fillers. */
export function labelBefore(clause: string): string {
  const bare = clause.replace(DOCUMENT_TITLE, '').replace(QUOTES, '');
  const trimmed = stripRepeatedly(stripRepeatedly(bare, LEADING_FILLER), TRAILING_FILLER).replace(CONJUNCTION_ONLY, '');
  return trimmed.length > MAX_BEFORE ? trimmed.slice(-MAX_BEFORE) : trimmed;
}

/** Where the noun after a unit ends and the sentence goes on: 4名律师|担任…, 190家学校食堂|实现…. */
const PREDICATE = /担任|参加|参与|实现|得到|获得|获评|荣获|被|全部|均|纳入|入选|完成|通过|用于|位于/;

/** In `开展5次优化营商环境宣传活动` the counted thing follows the unit. */
const AFTER_END = new RegExp(`${CLAUSE_BOUNDARY.source}|\\d`);

export function labelAfter(rest: string): string {
  const end = rest.search(AFTER_END);
  const clause = (end < 0 ? rest : rest.slice(0, end)).replace(QUOTES, '').replace(/^的/, '');
  const predicate = clause.slice(1).search(PREDICATE);
  return (predicate < 0 ? clause : clause.slice(0, predicate + 1)).slice(0, MAX_AFTER);
}

/** Strips ordinals from table row labels: 一、本年新收… → 本年新收…, (三)不予公开 → 不予公开. */
export function stripOrdinal(cell: string): string {
  return cell
    .replace(/^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d))/, '')
    .replace(QUOTES, '')
    .trim();
}
