import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { classifyTitle } from '../../src/extract/classify';

const LAW = 'law-based-government';
const INFO = 'gov-info-disclosure';

type Row = readonly [title: string, type: string | null, year: number | null];

/** 法治政府建设年度报告 as governments, departments, towns and streets title it. */
const LAW_REPORTS: readonly Row[] = [
  ['柳州市城中区2023年法治政府建设年度报告', LAW, 2023],
  ['赣州蓉江新区2023年度法治政府建设工作情况报告', LAW, 2023],
  ['鶴(hè)山市共和鎮(zhèn)2022年法治政府建設(shè)年度報(bào)告', LAW, 2022],
  ['北京市朝阳区人民政府关于2023年度法治政府建设情况的报告', LAW, 2023],
  ['关于2023年度法治政府建设情况的报告', LAW, 2023],
  ['2023年法治政府建设年度报告（区司法局）', LAW, 2023],
  ['市生态环境局2023年度法治建设工作年度报告', LAW, 2023],
  ['区教育局2023年法治政府建设工作报告', LAW, 2023],
  ['杭州市西湖区2022年度法治政府建设年度报告（全文）', LAW, 2022],
  ['【法治政府】丰台区2023年法治政府建设年度报告', LAW, 2023],
  ['南昌县2023年法治政府建设年度报告(PDF)', LAW, 2023],
  ['二〇二三年度法治政府建设年度报告', LAW, 2023],
  ['长丰县双墩镇二○二二年法治政府建设工作情况报告', LAW, 2022],
  ['广州市天河区２０２３年法治政府建设年度报告', LAW, 2023],
  ['深圳市南山区人民政府关于２０２３年法治政府建设工作情况的报告（全文）', LAW, 2023],
  ['成都市武侯区2023年法治政府建设情况和2024年工作安排的报告', LAW, 2023],
  ['区人民政府关于2024年工作打算及2023年度法治政府建设情况的报告', LAW, 2023],
  ['市交通运输局关于2023年度法治政府建设工作开展情况的报告', LAW, 2023],
  ['市自然资源和规划局2023年法治政府建设年度工作报告', LAW, 2023],
  ['望京街道2023年法治政府建设年度报告', LAW, 2023],
  ['黄陂区木兰乡2023年法治政府建设工作报告', LAW, 2023],
  ['湖南省人民政府关于2023年法治政府建设情况的报告', LAW, 2023],
  ['国家税务总局2023年法治政府建设情况报告', LAW, 2023],
  ['商务部2023年法治政府建设年度报告', LAW, 2023],
  ['市司法局法治政府建设年度报告', LAW, null],
  ['虹口区人民政府关于法治政府建设工作情况的报告', LAW, null],
  ['柳州市阳和工业新区(北部生态新区)2023年法治政府建设年度...', LAW, 2023],
  ['赣州市章贡区2023年度法治政府建设工作情况报…', LAW, 2023],
  ['海淀区2023年法治政府建设年度报告…', LAW, 2023],
  ['宁波市鄞州区2023年度法治政府建設年度報告', LAW, 2023],
  ['北京市東城區2023年法治政府建設年度報告', LAW, 2023],
  ['關於2023年度法治政府建設工作情況的報告', LAW, 2023],
  ['市市场监管局2023年度法治建设工作情况报告', LAW, 2023],
  ['2023年度依法行政暨法治政府建设工作报告', LAW, 2023],
  ['区司法局2023年度法治政府建设工作暨党政主要负责人履行推进法治建设第一责任人职责情况报告', LAW, 2023],
  ['晋江市法治政府建设2023年度报告', LAW, 2023],
  ['长沙市岳麓区法治政府建设年度报告（2023年）', LAW, 2023],
  ['【2023年度】石景山区法治政府建设年度报告', LAW, 2023],
  ['宝安区2023法治政府建设年度报告', LAW, 2023],
  ['《天津市河西区2023年法治政府建设年度报告》', LAW, 2023],
  ['市财政局2023年法治政府建设年度报告.pdf', LAW, 2023],
  ['东莞市2023年度法治政府建设年度报告（2024年1月30日）', LAW, 2023],
  ['区政府2023年法治政府建设年度报告 2024-01-31', LAW, 2023],
  ['【通知公告】顺义区2023年法治政府建设年度报告', LAW, 2023],
  ['区水务局2023年1-12月法治政府建设工作情况报告', LAW, 2023],
  ['区2023年法治政府建设年度报告(区红十字会)', LAW, 2023],
  ['区2023年度法治政府建设年度报告-区发展和改革委员会', LAW, 2023],
  ['西城区2023年度法治政府建设年度报告（摘要）', LAW, 2023],
  ['丰台区2023年法治政府建设年度报告(区人...', LAW, 2023],
];

/** 政府信息公开工作年度报告 and its variants. */
const INFO_REPORTS: readonly Row[] = [
  ['北京市朝阳区人民政府2023年政府信息公开工作年度报告', INFO, 2023],
  ['2023年度政府信息公开工作年度报告', INFO, 2023],
  ['市发展和改革委员会2023年政府信息公开工作年度报告', INFO, 2023],
  ['上海市浦东新区2023年政务公开工作年度报告', INFO, 2023],
  ['区统计局2023年政府信息公开年度报告', INFO, 2023],
  ['区审计局2023年度政府信息公开工作年度报告', INFO, 2023],
  ['国家自然资源督察武汉局2023年政府信息公开工作年度报告', INFO, 2023],
  ['市人力资源和社会保障局2023年信息公开工作年度报告', INFO, 2023],
  ['良渚街道2023年政府信息公开工作年度报告', INFO, 2023],
  ['大兴区黄村镇人民政府2023年政府信息公开工作年度报告（PDF）', INFO, 2023],
  ['2023年政府信息公開工作年度報告', INFO, 2023],
  ['北京市西城區人民政府2022年政府信息公開工作年度報告', INFO, 2022],
  ['２０２３年度政府信息公开工作年度报告［全文］', INFO, 2023],
  ['二〇二三年政府信息公开工作年度报告', INFO, 2023],
  ['江苏省人民政府办公厅2023年政府信息公开年报', INFO, 2023],
  ['区卫生健康委员会政府信息公开工作年度报告（2023年）', INFO, 2023],
  ['市教育局关于2023年度政府信息公开工作情况的报告', INFO, 2023],
  ['贵阳市2023年政府信息公开和政务公开工作年度报告', INFO, 2023],
  ['区民政局2023年度政府信息公开工作年度报...', INFO, 2023],
  ['南京市玄武区人民政府2023年政府信息公开工作年度…', INFO, 2023],
  ['【信息公开】区财政局2023年政府信息公开工作年度报告', INFO, 2023],
  ['【通知公告】2023年度政府信息公开工作年度报告（区水务局）', INFO, 2023],
  ['国家统计局2023年政府信息公开工作年度报告', INFO, 2023],
  ['教育部2023年政府信息公开工作年度报告', INFO, 2023],
  ['区城市管理委员会政府信息公开工作年度报告', INFO, null],
  ['市公安局2023年政府信息公开工作年度报告.docx', INFO, 2023],
  ['区人民政府2023年度政务公开年度报告', INFO, 2023],
  ['海淀区2023年政府信息公开工作年度报告 2024-01-25', INFO, 2023],
  ['《区退役军人事务局2023年政府信息公开工作年度报告》', INFO, 2023],
  ['朝阳区2022年度政府信息公开工作年度报告（更正版）', INFO, 2022],
  ['市政务服务管理局政务信息公开2023年度报告', INFO, 2023],
  ['区农业农村局2023年政府信息公开工作年度报告（附表）', INFO, 2023],
  ['区应急管理局二○二三年度政府信息公开工作年度报告', INFO, 2023],
  ['【公示公告】昌平区2023年政府信息公开工作年度报告', INFO, 2023],
  ['市生态环境局 2023 年 政府信息公开 工作年度报告', INFO, 2023],
];

/** Look-alikes met in the same columns; none may become a report. */
const NOT_REPORTS: readonly Row[] = [
  // reports of other kinds
  ['2024年政府工作报告', null, null],
  ['政府工作报告（2024年1月22日在区第十七届人民代表大会第四次会议上）', null, null],
  ['2023年国民经济和社会发展统计公报', null, null],
  ['通州区2023年国民经济和社会发展统计公报', null, null],
  ['关于2023年国民经济和社会发展计划执行情况与2024年计划草案的报告', null, null],
  ['关于2023年预算执行情况和2024年预算草案的报告', null, null],
  ['关于2023年度本级预算执行和其他财政收支的审计工作报告', null, null],
  ['2023年度政府网站工作年度报表', null, null],
  ['2023年法治社会建设工作情况报告', null, null],
  ['区长2023年度履行推进法治建设第一责任人职责情况报告', null, null],
  ['区法治政府建设第三方评估报告', null, null],
  ['法治政府建设示范创建自评报告', null, null],
  ['关于法治政府建设督察反馈问题整改情况的报告', null, null],
  ['2023年上半年政府信息公开工作报告', null, null],
  ['2023年第四季度政务公开工作情况', null, null],
  // pages about a report
  ['《2023年法治政府建设年度报告》解读', null, null],
  ['图解：2023年法治政府建设年度报告', null, null],
  ['一图读懂丨朝阳区2023年政府信息公开工作年度报告', null, null],
  ['【政策解读】2023年政府信息公开工作年度报告', null, null],
  ['一图看懂《海淀区2023年法治政府建设年度报告》', null, null],
  ['2023年法治政府建设年度报告视频解读', null, null],
  ['區2023年法治政府建設年度報告圖解', null, null],
  ['区政府新闻办举行2023年法治政府建设年度报告新闻发布会', null, null],
  ['市司法局负责人就《2023年法治政府建设年度报告》答记者问', null, null],
  ['我区发布2023年法治政府建设年度报告', null, null],
  ['《2023年法治政府建设年度报告》...', null, null],
  ['关于《2023年度政府信息公开工作年度报告》的更正说明', null, null],
  ['“2023年政府信息公开工作年度报告”问答', null, null],
  ['区政府常务会议审议《2023年法治政府建设年度报告》', null, null],
  ['关于区法治政府建设年度报告的说明', null, null],
  ['市2023年各区法治政府建设年度报告汇编', null, null],
  ['2023年度政府信息公开工作年度报告的更正', null, null],
  ['区2023年法治政府建设年度报告的...', null, null],
  // plans and programmes
  ['2024年法治政府建设工作要点', null, null],
  ['关于印发《区2024年法治政府建设工作要点》的通知', null, null],
  ['演示市贯彻落实《法治政府建设实施纲要（2021—2025年）》实施方案', null, null],
  ['区2024年政务公开工作要点', null, null],
  // asking units to report, drafts, notices
  ['关于报送2023年度法治政府建设情况的通知', null, null],
  ['关于报送2023年度法治政府建设年度报告的通知', null, null],
  ['转发省司法厅关于做好2023年度法治政府建设年度报告工作的通知', null, null],
  ['关于做好2023年度政府信息公开工作年度报告编制发布工作的通知', null, null],
  ['关于报送2023年度法治政府建设年度报告的函', null, null],
  ['关于提请审议2023年法治政府建设年度报告的请示', null, null],
  ['关于公开征求《区2023年法治政府建设年度报告（征求意见稿）》意见的公告', null, null],
  ['区2023年法治政府建设年度报告（征求意见稿）', null, null],
  ['关于公开征求《演示市重大行政决策程序规定（征求意见稿）》意见的公告', null, null],
  ['关于2023年度法治政府建设示范项目拟命名名单的公示', null, null],
  ['政府信息公开工作年度报告格式模板（2021年版）', null, null],
  // assessment, inspection, 述法
  ['2023年度法治政府建设考核结果公示', null, null],
  ['2023年度全市法治政府建设考核结果通报', null, null],
  ['关于2023年度政府信息公开工作年度报告评估情况的通报', null, null],
  ['2023年度行政执法案卷评查结果通报', null, null],
  ['省法治政府建设督察组进驻我市开展实地督察', null, null],
  ['市委依法治市办对各县区法治政府建设年度报告开展督查', null, null],
  ['局党组书记现场述法 接受评议', null, null],
  ['区长述职述法报告', null, null],
  // news, training
  ['“法律明白人”骨干培训班在我市举办', null, null],
  ['全区法治政府建设年度报告编制业务培训会召开', null, null],
  ['我市召开2024年全面依法治市工作会议', null, null],
  ['市政府常务会议专题学习新修订的《中华人民共和国行政复议法》', null, null],
  ['市司法局组织开展“宪法宣传周”系列活动', null, null],
  ['区政务公开年度报告工作推进会', null, null],
  // columns, navigation, other disclosure pages
  ['法治政府建设年度报告专栏', null, null],
  ['政府信息公开年报', null, null],
  ['政府信息公开工作年度报告', null, null],
  ['法治政府建设年度报告', null, null],
  ['政府信息公开年报 >>', null, null],
  ['政府信息公开指南', null, null],
  ['政府信息公开制度', null, null],
  ['依申请公开', null, null],
  ['北京大学2022-2023学年信息公开工作年度报告', null, null],
  // cut where the rest could be anything
  ['2023年度法治政府建设工作...', null, null],
  ['区2023年度政府信息公开…', null, null],
  ['', null, null],
];

const TABLE = [...LAW_REPORTS, ...INFO_REPORTS, ...NOT_REPORTS];

function expected([, type, year]: Row) {
  return type === null ? null : { type, year };
}

/** Digits, Latin letters and ASCII punctuation in their full-width forms, as some CMSs print them. */
function fullWidth(title: string): string {
  return title.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

describe('classifyTitle: the title table', () => {
  it('holds over 120 titles, a third of them look-alikes', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(120);
    expect(NOT_REPORTS.length).toBeGreaterThanOrEqual(TABLE.length / 3);
  });

  it.each(TABLE.map((row) => [row[0], row] as const))('%s', (title, row) => {
    expect(classifyTitle(title)).toEqual(expected(row));
  });
});

describe('classifyTitle: properties', () => {
  const reports = [...LAW_REPORTS, ...INFO_REPORTS];

  it('adding 解读 to any report title makes it no report', () => {
    for (const [title] of reports) {
      expect(classifyTitle(`${title}解读`), `${title}解读`).toBeNull();
      expect(classifyTitle(`《${title}》解读`), `《${title}》解读`).toBeNull();
      expect(classifyTitle(`【政策解读】${title}`), `【政策解读】${title}`).toBeNull();
    }
  });

  it('full-width digits, letters and brackets classify as the half-width title does', () => {
    for (const row of TABLE) {
      const wide = fullWidth(row[0]);
      expect(classifyTitle(wide), wide).toEqual(expected(row));
    }
  });

  it('traditional characters classify as the simplified title does', () => {
    const toTraditional = Converter({ from: 'cn', to: 'hk' });
    for (const row of TABLE) {
      const traditional = toTraditional(row[0]);
      expect(classifyTitle(traditional), traditional).toEqual(expected(row));
    }
  });

  it('wrapping a report title in a request to submit it makes it no report', () => {
    for (const [title] of reports) expect(classifyTitle(`关于报送${title}的通知`)).toBeNull();
  });
});

describe('classifyTitle: report year', () => {
  it('takes the year right before the report name when a title names two', () => {
    expect(classifyTitle('关于印发2024年工作计划的2023年度法治政府建设年度报告')).toEqual({ type: LAW, year: 2023 });
    expect(classifyTitle('2022年法治政府建设情况和2023年工作安排的报告')).toEqual({ type: LAW, year: 2022 });
  });

  it('reads a year written after the name only when none precedes it', () => {
    expect(classifyTitle('区法治政府建设年度报告（2022年度）')).toEqual({ type: LAW, year: 2022 });
    expect(classifyTitle('2021年度区法治政府建设年度报告（2022年修订）')).toEqual({ type: LAW, year: 2021 });
  });

  it('does not take a document number or a publication date for the year', () => {
    expect(classifyTitle('区法治政府建设年度报告（区政发〔2024〕1号）')).toEqual({ type: LAW, year: null });
    expect(classifyTitle('区法治政府建设年度报告（2024年2月）')).toEqual({ type: LAW, year: null });
  });

  it('reads Chinese numeral years with 〇, ○ or 零', () => {
    expect(classifyTitle('二零二一年度区政府信息公开工作年度报告')).toEqual({ type: INFO, year: 2021 });
    expect(classifyTitle('区二○一九年法治政府建设工作情况报告')).toEqual({ type: LAW, year: 2019 });
  });
});

describe('classifyTitle: custom types', () => {
  it('uses the types it is given, not the defaults', () => {
    const custom = [{ id: 'budget', name: '部门预算', nameEn: 'Budget', include: ['部门预算'], exclude: ['解读'], deadline: '03-31' }];
    expect(classifyTitle('区财政局2024年部门预算', custom)).toEqual({ type: 'budget', year: 2024 });
    expect(classifyTitle('区2023年法治政府建设年度报告', custom)).toBeNull();
  });
});
