import { z } from 'zod';

/**
 * A kind of annual report the law requires, how its titles read, and its legal deadline.
 * Titles vary by portal (年度报告 / 工作情况报告 / 工作报告), so a type is recognised by
 * patterns, and look-alikes (解读, 政府工作报告 …) are rejected by `exclude` patterns.
 */
export const reportTypeSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, e.g. "law-based-government"'),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  /** Regular expressions (source text) tested against the normalised title; one must match. */
  include: z.array(z.string().min(1)).min(1),
  /** Regular expressions that disqualify a title even when an include pattern matches. */
  exclude: z.array(z.string().min(1)).default([]),
  /** Month and day (MM-DD) of the legal deadline in the year after the reported year. */
  deadline: z.string().regex(/^\d{2}-\d{2}$/, 'write the deadline as MM-DD, e.g. "03-31"'),
});

export type ReportType = z.infer<typeof reportTypeSchema>;

/*
 * Patterns run on the title after `normalizeText` (NFKC, simplified characters) with spaces removed,
 * so they are written in simplified characters with half-width digits and brackets only.
 */

/** 2023年 / 2023年度 written inside the name, as in 法治政府建设2023年度报告. */
const YEAR_INSIDE = '(?:20\\d{2}年度?)?';

/**
 * Words that may stand between a report's subject and 报告 while it stays the annual report:
 * 工作开展情况的报告 and 年度工作报告 yes; 评估报告, 整改情况报告, 自评报告 are other documents.
 */
const BETWEEN = '(?:工作|年度|有关|开展|推进|进展|落实|主要|总体|情况)*';

/** Reports often add next year's plans: 2023年法治政府建设情况和2024年工作安排的报告. */
const AND_PLANS = '(?:(?:和|及|暨|与|以及)(?:下一步|下一年度?|20\\d{2}年度?)?(?:工作)?(?:安排|计划|打算|思路|重点|谋划|设想))?';

/**
 * A department's report may fold in its head's duty report:
 * 法治政府建设工作暨党政主要负责人履行推进法治建设第一责任人职责情况报告. That duty report on its
 * own (区长履行推进法治建设第一责任人职责情况报告) is a 述法 document and does not match.
 */
const AND_FIRST_DUTY = '(?:(?:和|及|暨)(?:党政)?主要负责人履行推进法治建设第一责任人职责)?';

const ENDS_AS_REPORT = `${BETWEEN}${AND_FIRST_DUTY}${BETWEEN}${AND_PLANS}的?(?:年度)?(?:工作)?报告`;

/**
 * Titles that name a report but are not it: pages about a report (解读, 图解, 一图读懂, 答记者问,
 * 发布会, 报告发布 news), other documents of the same programme (工作要点, 实施方案, 考核结果, 督察, 述法,
 * 整改), requests for reports (关于报送…的通知, …的函, 请示), drafts (征求意见稿), notices (公示, 公告),
 * news (召开…会议, 培训班, …推进会) and reports of other kinds that share words (政府工作报告, 统计公报,
 * 计划/预算执行情况的报告, 审计工作报告, 上半年/季度 disclosure reports), and a column's own link
 * (…专栏, …专题).
 * Column names are listing tags, not look-alikes: 【通知公告】 and 【公示公告】 must not reject the
 * report that follows, hence the look-arounds. 国家自然资源督察 is a publisher, not a 督察 news item.
 */
const LOOK_ALIKES = [
  '解读|解析|图解|图说|一图|长图|读懂|看懂|问答|答记者问|答问',
  '发布|记者会|视频|直播|报告会|宣讲|(?<!委员)会$',
  '要点|方案|纲要$',
  '通知(?!公告)|通报|函$|请示|批复|公告$|(?<!公告)公示(?!公告)|征求意见',
  '召开|举行|举办|会议|座谈|培训班|培训会|专题培训|业务培训|培训$',
  '(?<!自然资源)督[察查]|述法|述职|考核|考评|测评|评估|评议|评查|检查|抽查|排名|整改',
  '政府工作报告|统计公报|执行情况|审计工作报告',
  '季度|半年|格式|模板|范本|编制|填报',
  '专栏$|专题$|栏目$',
];

export const DEFAULT_REPORT_TYPES: readonly ReportType[] = Object.freeze([
  {
    id: 'law-based-government',
    name: '法治政府建设年度报告',
    nameEn: 'Annual report on building a law-based government',
    // 法治建设…报告 is how departments name theirs (法治建设工作年度报告); 法治社会建设 and
    // 依法治县 reports are other programmes and do not match.
    include: [`法治(?:政府)?建设${YEAR_INSIDE}${ENDS_AS_REPORT}`],
    exclude: LOOK_ALIKES,
    deadline: '03-31',
  },
  {
    id: 'gov-info-disclosure',
    name: '政府信息公开工作年度报告',
    nameEn: 'Annual report on government information disclosure',
    include: [
      // 政府信息公开工作年度报告, 政府信息公开年度报告, 关于…政府信息公开工作情况的报告, 政务信息公开…
      `(?:政府|政务)信息公开(?:(?:和|及|暨)政务公开)?${YEAR_INSIDE}(?:工作)?(?:年度)?(?:工作)?(?:情况)?的?(?:报告|年报)`,
      // 政务公开工作年度报告 and a department's 信息公开工作年度报告: without 政府 only 年度 makes it the annual one.
      `(?:政务|信息)公开${YEAR_INSIDE}(?:工作)?年度(?:工作)?报告`,
      '(?:政务|信息)公开(?:工作)?年报',
    ],
    // Universities report on their own disclosure rules by academic year (2022-2023学年…).
    exclude: [...LOOK_ALIKES, '学年'],
    deadline: '01-31',
  },
]);
