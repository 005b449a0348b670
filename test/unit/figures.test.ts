import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/core/types';
import { extractPage } from '../../src/extract';
import { extractFigures } from '../../src/figures';
import { FIXTURE_DIR } from '../fixtures/extract/seeds';
import { readFileSync } from 'node:fs';

function only(text: string): Pick<Figure, 'label' | 'value' | 'unit' | 'approx' | 'kind'>[] {
  return extractFigures(text).map(({ label, value, unit, approx, kind }) => ({ label, value, unit, approx, kind }));
}

function values(text: string): number[] {
  return extractFigures(text).map((f) => f.value);
}

describe('numbers in prose', () => {
  it('labels a figure by what it counts, without time words and fillers', () => {
    expect(only('2023年,共收到行政复议申请41件。')).toEqual([{ label: '收到行政复议申请', value: 41, unit: '件', approx: false, kind: 'count' }]);
    expect(only('有效化解矛盾纠纷748件,调解成功率达99.87%。')).toEqual([
      { label: '有效化解矛盾纠纷', value: 748, unit: '件', approx: false, kind: 'count' },
      { label: '调解成功率', value: 99.87, unit: '%', approx: false, kind: 'percent' },
    ]);
  });

  it('takes the counted thing from after the unit when the words before are only a verb', () => {
    expect(only('开展5次优化营商环境宣传活动。')[0]).toMatchObject({ label: '开展优化营商环境宣传活动', value: 5, unit: '次' });
  });

  it('reads Chinese numerals', () => {
    expect(only('举办三期培训班。')[0]).toMatchObject({ value: 3, unit: '期' });
    expect(only('举办各类培训班十多场次。')[0]).toMatchObject({ label: '举办各类培训班', value: 10, unit: '场次', approx: true });
    expect(only('累计走访企业一千二百家。')[0]).toMatchObject({ label: '走访企业', value: 1200, unit: '家' });
    expect(only('为省内外一百多家法院提供服务。')[0]).toMatchObject({ value: 100, unit: '家', approx: true });
    expect(only('聘请两名律师。')[0]).toMatchObject({ value: 2, unit: '名' });
  });

  it('applies 万 and 亿 and keeps the unit as written after them', () => {
    expect(only('全年共调处矛盾纠纷2.37万件。')[0]).toMatchObject({ label: '调处矛盾纠纷', value: 23700, unit: '件', kind: 'count', approx: false });
    expect(only('涉案金额达40亿余元。')[0]).toMatchObject({ label: '涉案金额', value: 4_000_000_000, unit: '元', kind: 'money', approx: true });
    expect(only('罚款金额共计68.136万元。')[0]).toMatchObject({ label: '罚款金额', value: 681_360, unit: '元', kind: 'money' });
    expect(only('协议涉及金额1140余万元。')[0]).toMatchObject({ value: 11_400_000, unit: '元', approx: true });
  });

  it('marks approximations before and after the number', () => {
    expect(only('审查合同约900件。')[0]).toMatchObject({ value: 900, approx: true });
    expect(only('使用人数超8.6万人次。')[0]).toMatchObject({ value: 86_000, unit: '人次', approx: true });
    expect(only('新增376项以上政务服务事项。')[0]).toMatchObject({ value: 376, unit: '项', approx: true });
    expect(only('接待群众近300人。')[0]).toMatchObject({ value: 300, approx: true });
  });

  it('reads percentages, 百分之 and 个百分点', () => {
    expect(only('合格率为百分之九十。')[0]).toMatchObject({ label: '合格率', value: 90, unit: '%', kind: 'percent', approx: false });
    expect(only('结案率提高2.5个百分点。')[0]).toMatchObject({ value: 2.5, unit: '个百分点', kind: 'percentage-point' });
  });

  it('reads areas and durations', () => {
    expect(only('涉案总面积为15331.88平方米。')[0]).toMatchObject({ label: '涉案总面积', value: 15331.88, unit: '平方米', kind: 'area' });
    expect(only('审批时限压缩至110个工作日。')[0]).toMatchObject({ value: 110, unit: '个工作日', kind: 'duration' });
    expect(only('已连续六年获此殊荣。')[0]).toMatchObject({ value: 6, unit: '年', kind: 'duration' });
  });

  it('splits a range into its bounds', () => {
    expect(only('每次培训安排3-5个课时单元。').map((f) => [f.label, f.value, f.unit])).toEqual([
      ['每次培训安排课时单元(下限)', 3, '个'],
      ['每次培训安排课时单元(上限)', 5, '个'],
    ]);
  });

  it('gives numbers in a parenthesis after a figure that figure’s unit', () => {
    expect(only('收到行政复议申请41件(当面申请15,来信申请26)。').map((f) => [f.label, f.value, f.unit])).toEqual([
      ['收到行政复议申请', 41, '件'],
      ['当面申请', 15, '件'],
      ['来信申请', 26, '件'],
    ]);
  });

  it('gives a second number of the same clause the first one’s label', () => {
    expect(only('接受行政复议咨询236批251人次。').map((f) => [f.label, f.value, f.unit])).toEqual([
      ['接受行政复议咨询', 236, '批'],
      ['接受行政复议咨询', 251, '人次'],
    ]);
  });
});

describe('numbers that are not figures', () => {
  it.each([
    ['dates and years', '2023年12月1日,召开2022年度述法会议,相较5年前下降,2021-2022年先进县,二〇二三年。'],
    ['document numbers', '印发《关于加强法治建设的意见》(柯政办〔2023〕10号)。'],
    ['phone numbers', '(信息员:庞翰雯,联系方式:2833565)'],
    ['list ordinals', '一是加强领导;二是强化督查;第三,狠抓落实。'],
    ['meeting ordinals', '学习党的二十大和二十届一中全会精神,召开第五次(扩大)会议,第十三次党代会。'],
    ['plan names in quotes', '实施“八五”普法规划,编制“十四五”规划,落实“1+6”协作机制和“两个确立”。'],
    ['article and clause numbers', '根据《条例》第五十条和第二十条第(一)项规定。'],
    ['book titles', '更新《应知应会50问》。'],
    ['identifiers', '落实S2和S3专项监督,上线5.0版本。'],
    ['set phrases with numerals', '打造三位一体工作体系,实行一次性告知和一站式服务。'],
  ])('%s', (_, text) => {
    expect(values(text)).toEqual([]);
  });
});

describe('sections', () => {
  it('records the heading path of each figure', () => {
    const text = ['一、基本情况', '(一)行政复议', '收到行政复议申请41件。', '1.行政应诉', '出庭应诉率100%。', '二、存在问题', '培训不足2次。'].join('\n');
    expect(extractFigures(text).map((f) => f.section)).toEqual([
      '一、基本情况 / (一)行政复议',
      '一、基本情况 / (一)行政复议 / 1.行政应诉',
      '二、存在问题',
    ]);
  });
});

const NATIONAL_TEMPLATE_EXPECTED: [string, number][] = [
  ['规章/现行有效件数', 2],
  ['行政规范性文件/本年制发件数', 5],
  ['行政规范性文件/本年废止件数', 1],
  ['行政规范性文件/现行有效件数', 27],
  ['本年新收政府信息公开申请数量/自然人', 41],
  ['本年新收政府信息公开申请数量/法人或其他组织/商业企业', 1],
  ['本年新收政府信息公开申请数量/法人或其他组织/法律服务机构', 1],
  ['本年新收政府信息公开申请数量/总计', 43],
  ['上年结转政府信息公开申请数量/自然人', 2],
  ['本年度办理结果/予以公开/自然人', 18],
  ['本年度办理结果/予以公开/总计', 19],
  ['本年度办理结果/部分公开/法人或其他组织/法律服务机构', 1],
  ['本年度办理结果/不予公开/属于国家秘密/总计', 0],
  ['本年度办理结果/不予公开/危及三安全一稳定/自然人', 1],
  ['结转下年度继续办理/总计', 5],
  ['行政复议/结果维持', 3],
  ['行政复议/总计', 4],
  ['行政诉讼/未经复议直接起诉/结果维持', 1],
  ['行政诉讼/未经复议直接起诉/尚未审结', 1],
  ['行政诉讼/未经复议直接起诉/总计', 2],
  ['行政诉讼/复议后起诉/总计', 0],
];

describe('the national template of 政府信息公开工作年度报告', () => {
  const html = readFileSync(`${FIXTURE_DIR}gov-info-disclosure.html`);
  const page = extractPage({ body: html, url: 'http://www.example.gov.cn/zwgk/ndbg/t20240125_1.html', contentType: 'text/html' });
  const figures = extractFigures(page.text);

  it('is recognised with its metadata', () => {
    expect({ type: page.type, year: page.year, date: page.date, docNo: page.docNo, category: page.category }).toEqual({
      type: 'gov-info-disclosure', year: 2023, date: '2024-01-25', docNo: '某政办〔2024〕3号', category: '政务公开',
    });
  });

  it('keys table cells by row label and column header, not position', () => {
    for (const [label, value] of NATIONAL_TEMPLATE_EXPECTED) {
      expect(figures.filter((f) => f.label === label).map((f) => f.value), label).toEqual([value]);
    }
    const received = figures.find((f) => f.label === '本年新收政府信息公开申请数量/自然人')!;
    expect(received.section).toBe('三、收到和处理政府信息公开申请情况');
  });

  it('still reads the prose around the tables', () => {
    expect(figures.find((f) => f.value === 43 && f.unit === '件')?.label).toContain('受理政府信息公开申请');
    expect(figures.find((f) => f.label === '较上年增长')).toMatchObject({ value: 10, unit: '%' });
    expect(figures.some((f) => f.value === 50)).toBe(false);
  });

  it('reads the same table exported one cell per line', () => {
    const cells = (...row: (string | number)[]) => row.map(String);
    const text = [
      '三、收到和处理政府信息公开申请情况',
      ...cells('申请人情况', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'),
      ...cells('一、本年新收政府信息公开申请数量', 41, 1, 0, 0, 1, 0, 43),
      ...cells('二、上年结转政府信息公开申请数量', 2, 0, 0, 0, 0, 0, 2),
      ...cells('三、本年度办理结果', '(一)予以公开', 18, 1, 0, 0, 0, 0, 19),
      ...cells('(三)不予公开', '1.属于国家秘密', 0, 0, 0, 0, 0, 0, 0),
      ...cells('四、结转下年度继续办理', 5, 0, 0, 0, 0, 0, 5),
    ].join('\n');
    const perLine = extractFigures(text);
    const pick = (label: string) => perLine.filter((f) => f.label === label).map((f) => [f.value, f.section]);
    expect(pick('本年新收政府信息公开申请数量/自然人')).toEqual([[41, '三、收到和处理政府信息公开申请情况']]);
    expect(pick('本年新收政府信息公开申请数量/商业企业')).toEqual([[1, '三、收到和处理政府信息公开申请情况']]);
    expect(pick('本年度办理结果/予以公开/总计')).toEqual([[19, '三、收到和处理政府信息公开申请情况']]);
    expect(pick('本年度办理结果/不予公开/属于国家秘密/总计')).toEqual([[0, '三、收到和处理政府信息公开申请情况']]);
    expect(pick('结转下年度继续办理/总计')).toEqual([[5, '三、收到和处理政府信息公开申请情况']]);
    expect(perLine).toHaveLength(5 * 7);
  });
});
