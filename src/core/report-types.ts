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

/** Titles that quote a report title but are not the report. */
const LOOK_ALIKES = ['解读', '图解', '答记者问', '新闻发布', '实施方案', '工作要点', '通知$', '的通知', '征求意见', '公示$'];

export const DEFAULT_REPORT_TYPES: readonly ReportType[] = Object.freeze([
  {
    id: 'law-based-government',
    name: '法治政府建设年度报告',
    nameEn: 'Annual report on building a law-based government',
    include: ['法治政府建设.{0,12}(年度)?(工作)?(情况)?报告', '法治建设.{0,12}年度报告', '法治政府建设和法治建设.{0,12}报告'],
    exclude: LOOK_ALIKES,
    deadline: '03-31',
  },
  {
    id: 'gov-info-disclosure',
    name: '政府信息公开工作年度报告',
    nameEn: 'Annual report on government information disclosure',
    include: ['政府信息公开.{0,6}(工作)?年度报告', '政务公开.{0,6}(工作)?年度报告', '信息公开工作年度报告'],
    exclude: LOOK_ALIKES,
    deadline: '01-31',
  },
]);
